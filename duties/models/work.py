"""Daily work: reports, assigned tasks, client requests and the written authorisations that
say which requests a person may carry out for the company."""

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from duties.choices import (
    OPEN_TASK_STATES,
    AuthorisationStatus,
    ClientRequestStatus,
    ReportKind,
    ReportStatus,
    RequestCategory,
    TaskPriority,
    TaskStatus,
)
from duties.models.files import StoredFile
from onsite.models import Site
from onsite.names import display_name

User = settings.AUTH_USER_MODEL


def stamp(by_label, at_label):
    """A (user, time) pair of fields filled by a transition (``Transition.stamp``)."""
    return (
        models.ForeignKey(
            User,
            null=True,
            blank=True,
            on_delete=models.PROTECT,
            related_name="+",
            verbose_name=by_label,
        ),
        models.DateTimeField(at_label, null=True, blank=True),
    )


class WorkReport(models.Model):
    """A daily or weekly report of work done, problems, progress on tasks and next steps.

    ``period_start`` is the day (daily) or the Monday of the week (weekly); a person writes
    one report of each kind per period.
    """

    author = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="work_reports", verbose_name=_("author")
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=ReportKind.choices, default=ReportKind.DAILY
    )
    period_start = models.DateField(_("day or first day of the week"))
    site = models.ForeignKey(
        Site,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("client site"),
    )
    work_done = models.TextField(_("work done"))
    problems = models.TextField(_("problems"), blank=True)
    task_progress = models.TextField(_("progress on tasks"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.SUBMITTED
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    supervisor_comment = models.TextField(_("supervisor's comment"), blank=True)
    commented_by, commented_at = stamp(_("commented by"), _("commented at"))

    class Meta:
        ordering = ["-period_start", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "kind", "period_start"], name="duties_report_once"
            )
        ]
        indexes = [models.Index(fields=["period_start", "kind"], name="duties_report_day")]
        verbose_name = _("work report")
        verbose_name_plural = _("work reports")

    def __str__(self):
        return _("%(kind)s of %(name)s, %(day)s") % {
            "kind": self.get_kind_display(),
            "name": display_name(self.author),
            "day": self.period_start,
        }

    def get_absolute_url(self):
        return reverse("duties:report_detail", args=[self.pk])

    @property
    def period_end(self):
        if self.kind == ReportKind.WEEKLY:
            return self.period_start + timedelta(days=6)
        return self.period_start


class Task(models.Model):
    """Work a supervisor assigns to a person (交办任务); overdue is derived from the due date."""

    title = models.CharField(_("title"), max_length=200)
    detail = models.TextField(_("detail"), blank=True)
    site = models.ForeignKey(
        Site,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("client site"),
    )
    due_date = models.DateField(_("due date"))
    priority = models.CharField(
        _("priority"), max_length=10, choices=TaskPriority.choices, default=TaskPriority.NORMAL
    )
    assignee = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="duty_tasks", verbose_name=_("assignee")
    )
    assigned_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("assigned by")
    )
    assigned_at = models.DateTimeField(_("assigned at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.ASSIGNED
    )
    accepted_by, accepted_at = stamp(_("accepted by"), _("accepted at"))
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    progress_note = models.TextField(_("latest progress"), blank=True)
    result = models.TextField(_("result"), blank=True)
    completed_by, completed_at = stamp(_("completed by"), _("completed at"))

    class Meta:
        ordering = ["due_date", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="duties_task_progress")
        ]
        indexes = [models.Index(fields=["status", "due_date"], name="duties_task_due")]
        verbose_name = _("assigned task")
        verbose_name_plural = _("assigned tasks")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("duties:task_detail", args=[self.pk])

    def is_overdue(self, today):
        return self.status in OPEN_TASK_STATES and self.due_date < today


class Authorisation(StoredFile):
    """A written authorisation (书面授权): what a person may commit to for the company.

    It covers client requests of its ``categories`` at its site (every site if blank) from
    ``valid_from`` to ``valid_to`` while in force; the signed document may be attached.
    """

    holder = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="authorisations", verbose_name=_("holder")
    )
    site = models.ForeignKey(
        Site,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("client site"),
        help_text=_("Leave empty for every site."),
    )
    reference = models.CharField(_("document number"), max_length=60, blank=True)
    scope = models.TextField(_("scope"))
    categories = models.CharField(_("kinds of work"), max_length=200)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"))
    issued_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("issued by")
    )
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AuthorisationStatus.choices,
        default=AuthorisationStatus.ACTIVE,
    )
    revoked_by, revoked_at = stamp(_("revoked by"), _("revoked at"))

    class Meta:
        ordering = ["-valid_to", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__gte=F("valid_from")), name="duties_authorisation_window"
            )
        ]
        indexes = [models.Index(fields=["holder", "status"], name="duties_auth_holder")]
        verbose_name = _("written authorisation")
        verbose_name_plural = _("written authorisations")

    def __str__(self):
        return _("Authorisation of %(name)s (%(start)s–%(end)s)") % {
            "name": display_name(self.holder),
            "start": self.valid_from,
            "end": self.valid_to,
        }

    def get_absolute_url(self):
        return reverse("duties:authorisation_detail", args=[self.pk])

    @property
    def category_list(self):
        return [code for code in self.categories.split(",") if code]

    def category_labels(self):
        labels = dict(RequestCategory.choices)
        return [labels.get(code, code) for code in self.category_list]

    def in_force_on(self, day):
        return self.status == AuthorisationStatus.ACTIVE and self.valid_from <= day <= self.valid_to

    def covers(self, category, site_id, day):
        """In force on ``day``, at ``site_id`` (or every site), for work of ``category``."""
        return (
            self.in_force_on(day)
            and (self.site_id is None or self.site_id == site_id)
            and category in self.category_list
        )


class ClientRequest(models.Model):
    """Work a client asks a staff member for (who asked, what, when) and what became of it.

    Within a written authorisation it is done and recorded; outside one it is escalated to
    the supervisor, who authorises or declines it — nobody promises it on their own.
    """

    logged_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="client_requests", verbose_name=_("logged by")
    )
    logged_at = models.DateTimeField(_("logged at"), auto_now_add=True)
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="+", verbose_name=_("client site")
    )
    asked_by = models.CharField(_("who asked"), max_length=100)
    asked_at = models.DateTimeField(_("asked at"))
    category = models.CharField(_("kind of work"), max_length=20, choices=RequestCategory.choices)
    description = models.TextField(_("what was asked"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ClientRequestStatus.choices,
        default=ClientRequestStatus.LOGGED,
    )
    authorisation = models.ForeignKey(
        Authorisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="requests",
        verbose_name=_("covered by"),
    )
    outcome = models.TextField(_("what was done"), blank=True)
    done_by, done_at = stamp(_("done by"), _("done at"))
    escalation_note = models.TextField(_("note to the supervisor"), blank=True)
    escalated_by, escalated_at = stamp(_("escalated by"), _("escalated at"))
    decision = models.TextField(_("supervisor's decision"), blank=True)
    decided_by, decided_at = stamp(_("decided by"), _("decided at"))

    class Meta:
        ordering = ["-asked_at", "-id"]
        indexes = [models.Index(fields=["status", "logged_by"], name="duties_request_status")]
        verbose_name = _("client request")
        verbose_name_plural = _("client requests")

    def __str__(self):
        return _("%(category)s for %(who)s at %(site)s") % {
            "category": self.get_category_display(),
            "who": self.asked_by,
            "site": self.site.name,
        }

    def get_absolute_url(self):
        return reverse("duties:request_detail", args=[self.pk])
