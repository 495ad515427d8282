"""What belongs to a post or a client site: post duties, the service agreement, client
manuals and technical documents (versioned), the daily checklist and service visits, and
training."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from duties.choices import SiteDocumentKind, TrainingStatus, VisitStatus, classification_label
from duties.models.files import StoredFile
from duties.models.work import stamp
from onsite.models import Site
from onsite.names import display_name

User = settings.AUTH_USER_MODEL


class PostDuty(models.Model):
    """The written duty list (岗位职责) of a post, for one client site or for every site."""

    post = models.CharField(_("post"), max_length=100)
    site = models.ForeignKey(
        Site,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="post_duties",
        verbose_name=_("client site"),
        help_text=_("Leave empty for the duties of the post at every site."),
    )
    duties = models.TextField(_("duties"), help_text=_("One duty per line."))
    updated_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("changed by")
    )
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        ordering = ["post", "site__code"]
        constraints = [
            models.UniqueConstraint(fields=["post", "site"], name="duties_post_site_once"),
            models.UniqueConstraint(
                fields=["post"], condition=Q(site__isnull=True), name="duties_post_once"
            ),
        ]
        verbose_name = _("post duties")
        verbose_name_plural = _("post duties")

    def __str__(self):
        return f"{self.post} · {self.site.name if self.site_id else _('every site')}"

    def get_absolute_url(self):
        return reverse("duties:post_duty_edit", args=[self.pk])

    def duty_lines(self):
        return [line.strip() for line in self.duties.splitlines() if line.strip()]


class AgreementVersion(StoredFile):
    """One version of a site's service agreement: the work plan, the contract's service terms
    and response times. The highest ``number`` of a site is the one in force."""

    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="agreements", verbose_name=_("client site")
    )
    number = models.PositiveIntegerField(_("version"))
    contract_no = models.CharField(_("contract number"), max_length=60, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    work_plan = models.TextField(_("work plan"))
    service_terms = models.TextField(_("service terms"))
    response_times = models.TextField(_("response times"))
    classification = models.PositiveSmallIntegerField(_("classification"), default=1)
    note = models.CharField(_("what changed"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("written by")
    )
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        ordering = ["site", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["site", "number"], name="duties_agreement_version")
        ]
        verbose_name = _("service agreement version")
        verbose_name_plural = _("service agreement versions")

    def __str__(self):
        return _("Service agreement of %(site)s, version %(n)s") % {
            "site": self.site.name,
            "n": self.number,
        }

    def get_absolute_url(self):
        return reverse("duties:agreement_detail", args=[self.pk])

    @property
    def classification_label(self):
        return classification_label(self.classification)


class SiteDocument(models.Model):
    """A client training manual or technical document of a site, kept in versions."""

    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="duty_papers", verbose_name=_("client site")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=SiteDocumentKind.choices)
    title = models.CharField(_("title"), max_length=200)
    classification = models.PositiveSmallIntegerField(_("classification"), default=1)
    created_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["site", "kind", "title"]
        constraints = [
            models.UniqueConstraint(fields=["site", "kind", "title"], name="duties_paper_once")
        ]
        verbose_name = _("site document")
        verbose_name_plural = _("site documents")

    def __str__(self):
        return f"{self.site.name} · {self.title}"

    def get_absolute_url(self):
        return reverse("duties:site_document_detail", args=[self.pk])

    @property
    def classification_label(self):
        return classification_label(self.classification)


class SiteDocumentVersion(StoredFile):
    """One uploaded version of a site document; the highest number is current."""

    document = models.ForeignKey(
        SiteDocument, on_delete=models.CASCADE, related_name="versions", verbose_name=_("document")
    )
    number = models.PositiveIntegerField(_("version"))
    note = models.CharField(_("what changed"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="duties_paper_version")
        ]
        verbose_name = _("site document version")
        verbose_name_plural = _("site document versions")

    def __str__(self):
        return f"{self.document} v{self.number}"

    @property
    def classification(self):
        return self.document.classification


class ChecklistTemplate(models.Model):
    """The daily pre-shift checklist of a site: one item per line."""

    site = models.OneToOneField(
        Site, on_delete=models.CASCADE, related_name="duty_checklist", verbose_name=_("client site")
    )
    items = models.TextField(_("items"), help_text=_("One item per line."))
    updated_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("changed by")
    )
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        ordering = ["site__code"]
        verbose_name = _("checklist template")
        verbose_name_plural = _("checklist templates")

    def __str__(self):
        return _("Daily checklist of %(site)s") % {"site": self.site.name}

    def item_list(self):
        return [line.strip() for line in self.items.splitlines() if line.strip()]


class DailyChecklist(models.Model):
    """A person's pre-shift checklist of one day at one site: the items as they were then."""

    user = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="duty_checklists", verbose_name=_("person")
    )
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="+", verbose_name=_("client site")
    )
    date = models.DateField(_("date"))
    items = models.JSONField(_("items"), default=list)  # [[text, ticked], ...]
    note = models.TextField(_("note"), blank=True)
    done_at = models.DateTimeField(_("done at"), auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "site", "date"], name="duties_checklist_once")
        ]
        indexes = [models.Index(fields=["date"], name="duties_checklist_day")]
        verbose_name = _("daily checklist")
        verbose_name_plural = _("daily checklists")

    def __str__(self):
        return _("Checklist of %(name)s at %(site)s, %(day)s") % {
            "name": display_name(self.user),
            "site": self.site.name,
            "day": self.date,
        }

    @property
    def all_ticked(self):
        return all(ticked for _text, ticked in self.items)


class ServiceVisit(models.Model):
    """A service visit at a client location, closed by confirming the environment restored."""

    user = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="service_visits", verbose_name=_("person")
    )
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="+", verbose_name=_("client site")
    )
    location = models.CharField(_("where"), max_length=150)
    purpose = models.CharField(_("what for"), max_length=200)
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=VisitStatus.choices, default=VisitStatus.OPEN
    )
    restored_note = models.TextField(_("note on the environment"), blank=True)
    restored_by, restored_at = stamp(_("confirmed by"), _("restored at"))

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("service visit")
        verbose_name_plural = _("service visits")

    def __str__(self):
        return f"{self.location} · {self.purpose}"

    def get_absolute_url(self):
        return reverse("duties:visit_detail", args=[self.pk])


class Training(models.Model):
    """A planned training with its attendees; once held, a record per attendee present."""

    title = models.CharField(_("title"), max_length=200)
    topic = models.TextField(_("topic"), blank=True)
    site = models.ForeignKey(
        Site,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("client site"),
    )
    starts_at = models.DateTimeField(_("starts at"))
    hours = models.DecimalField(
        _("hours"), max_digits=5, decimal_places=1, validators=[MinValueValidator(Decimal("0.5"))]
    )
    place = models.CharField(_("place"), max_length=150, blank=True)
    trainer = models.CharField(_("trainer"), max_length=100, blank=True)
    organiser = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("organiser")
    )
    attendees = models.ManyToManyField(
        User, related_name="duty_trainings", verbose_name=_("attendees")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=TrainingStatus.choices, default=TrainingStatus.PLANNED
    )
    recorded_by, recorded_at = stamp(_("recorded by"), _("recorded at"))

    class Meta:
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["status", "starts_at"], name="duties_training_when")]
        verbose_name = _("training")
        verbose_name_plural = _("trainings")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("duties:training_detail", args=[self.pk])


class TrainingRecord(StoredFile):
    """A training a person attended (date, topic, hours) and its certificate, if any."""

    user = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="training_records", verbose_name=_("person")
    )
    training = models.ForeignKey(
        Training,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="records",
        verbose_name=_("training"),
    )
    date = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=200)
    hours = models.DecimalField(
        _("hours"), max_digits=5, decimal_places=1, validators=[MinValueValidator(Decimal("0.5"))]
    )
    provider = models.CharField(_("given by"), max_length=150, blank=True)
    added_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    added_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "training"],
                condition=Q(training__isnull=False),
                name="duties_training_record_once",
            )
        ]
        verbose_name = _("training record")
        verbose_name_plural = _("training records")

    def __str__(self):
        return f"{display_name(self.user)} · {self.topic} ({self.date})"

    def get_absolute_url(self):
        return reverse("duties:training_records") + f"?person={self.user_id}"
