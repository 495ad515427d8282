"""Core models: organisation, staff, assignments, audit trail, notifications, reminders."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from onsite.choices import EmailState, ExportState, VenueKind
from onsite.names import display_name
from onsite.storage import private_storage

User = settings.AUTH_USER_MODEL


class Department(models.Model):
    """A department of the company; supervisors approve the requests of its staff.

    A department may sit under a parent department, whose supervisors decide for it when it
    has none of its own.
    """

    name = models.CharField(_("name"), max_length=100, unique=True)
    code = models.CharField(_("code"), max_length=20, unique=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        verbose_name=_("parent department"),
    )
    supervisors = models.ManyToManyField(
        User, blank=True, related_name="supervised_departments", verbose_name=_("supervisors")
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self):
        return self.name

    def clean(self):
        seen, above = {self.pk}, self.parent
        while above is not None:
            if above.pk in seen:
                raise ValidationError({"parent": _("A department cannot sit under itself.")})
            seen.add(above.pk)
            above = above.parent


class Site(models.Model):
    """A client site (派驻单位) where staff are stationed."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    code = models.CharField(_("code"), max_length=20, unique=True)
    address = models.CharField(_("address"), max_length=250, blank=True)
    contact_name = models.CharField(_("client contact"), max_length=100, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("client site")
        verbose_name_plural = _("client sites")

    def __str__(self):
        return self.name


class Venue(models.Model):
    """A meeting venue or A/V control room at a client site."""

    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="venues", verbose_name=_("client site")
    )
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=VenueKind.choices)
    location = models.CharField(_("location"), max_length=200, blank=True)
    managers = models.ManyToManyField(
        User, blank=True, related_name="managed_venues", verbose_name=_("control-room managers")
    )
    leaders = models.ManyToManyField(
        User, blank=True, related_name="led_venues", verbose_name=_("leaders in charge")
    )

    class Meta:
        ordering = ["site__code", "name"]
        constraints = [models.UniqueConstraint(fields=["site", "name"], name="venue_unique_name")]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")

    def __str__(self):
        return f"{self.site.name} · {self.name}"


class StaffProfile(models.Model):
    """What the company knows of a person besides the log-in: number, department, post."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    employee_no = models.CharField(_("employee number"), max_length=20, unique=True)
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="staff", verbose_name=_("department")
    )
    post = models.CharField(_("post"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    class Meta:
        ordering = ["employee_no"]
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")

    def __str__(self):
        return f"{self.employee_no} {display_name(self.user)}"


class Assignment(models.Model):
    """A person stationed at a client site from one date to another (open-ended if blank)."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("staff member")
    )
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("client site")
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="assignment_end_after_start",
            )
        ]
        indexes = [models.Index(fields=["user", "start_date"])]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")

    def __str__(self):
        return f"{self.user} @ {self.site} ({self.start_date}–{self.end_date or '…'})"


class AuditEntry(models.Model):
    """One line of the audit trail: who did what to which object, from which state to which.

    Insert-only on PostgreSQL (a trigger, migration 0005): an UPDATE or DELETE is refused by
    the database, except the one change deletions make — ``actor`` or ``content_type`` set
    to NULL when that person or model is deleted; ``actor_name`` keeps who it was.
    """

    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("actor"),
    )
    actor_name = models.CharField(_("actor's name"), max_length=150, blank=True, db_default="")
    action = models.CharField(_("action"), max_length=60, db_index=True)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    from_state = models.CharField(_("from"), max_length=40, blank=True)
    to_state = models.CharField(_("to"), max_length=40, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    on_behalf_of = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("on behalf of"),
    )

    target = GenericForeignKey("content_type", "object_id")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.object_repr}"


class Notification(models.Model):
    """A message to one person, shown in the app and relayed by e-mail through the outbox."""

    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("kind"), max_length=60, blank=True)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    email_state = models.CharField(
        max_length=10, choices=EmailState.choices, default=EmailState.PENDING
    )
    email_attempts = models.PositiveSmallIntegerField(default=0)
    email_claimed_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["email_state"]),
        ]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self):
        return self.title


class NotificationMute(models.Model):
    """A person does not want e-mail for one kind of reminder (it still shows in the app)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notification_mutes")
    kind = models.CharField(_("kind"), max_length=60)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_mute_once")
        ]
        verbose_name = _("muted e-mail")
        verbose_name_plural = _("muted e-mails")

    def __str__(self):
        return f"{self.user} {self.kind}"


class SentReminder(models.Model):
    """Proof that one reminder (kind, object, period) was sent: makes reminders exactly-once."""

    kind = models.CharField(max_length=60)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    period = models.CharField(max_length=40)
    sent_at = models.DateTimeField(auto_now_add=True)
    # The scan that wrote the row: a scan inserts its rows ignoring conflicts, then reads
    # back those carrying its token to learn which reminders are its to send.
    scan = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "content_type", "object_id", "period"], name="reminder_once"
            )
        ]
        verbose_name = _("sent reminder")
        verbose_name_plural = _("sent reminders")

    def __str__(self):
        return f"{self.kind} {self.object_id} {self.period}"


def export_upload_to(instance, filename):
    """Stored names carry no title: ``exports/<app>/<yyyy>/<mm>/<token>.<suffix>``."""
    suffix = PurePath(filename).suffix.lower()[:10]
    label = instance._meta.app_label
    return f"exports/{label}/{timezone.now():%Y/%m}/{instance.token.hex}{suffix}"


class BackgroundExport(models.Model):
    """A file made in the background for one person (see ``onsite.exports``).

    Each app subclasses it with the fields its exports need (a month, a department…).
    """

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=60)
    format = models.CharField(_("format"), max_length=5)
    params = models.JSONField(default=dict, blank=True)
    requested_by = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="+", verbose_name=_("requested by")
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    state = models.CharField(
        _("state"), max_length=10, choices=ExportState.choices, default=ExportState.QUEUED
    )
    queued_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    done_steps = models.PositiveIntegerField(default=0)
    total_steps = models.PositiveIntegerField(default=0)
    file = models.FileField(
        upload_to=export_upload_to, storage=private_storage, max_length=200, blank=True
    )
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    rows = models.PositiveIntegerField(_("rows"), null=True, blank=True)
    error = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(_("available until"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["state", "queued_at"], name="%(class)s_state"),
            models.Index(fields=["requested_by", "created_at"], name="%(class)s_owner"),
        ]

    def __str__(self):
        return f"{self.kind} {self.created_at:%Y-%m-%d %H:%M}" if self.created_at else self.kind

    @property
    def percent(self):
        if self.state == ExportState.DONE:
            return 100
        if not self.total_steps:
            return 0
        return min(99, int(self.done_steps * 100 / self.total_steps))

    @property
    def kind_label(self):
        from onsite.exports import get_kind

        try:
            return get_kind(self.kind).label
        except LookupError:
            return self.kind

    @property
    def downloadable(self):
        return self.state == ExportState.DONE and bool(self.file)


class Heartbeat(models.Model):
    """When a background process last said it was alive (``worker``, ``beat``): the health
    URL reads these rows (``onsite.health``)."""

    name = models.CharField(max_length=20, primary_key=True)
    at = models.DateTimeField()

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")

    def __str__(self):
        return f"{self.name} {self.at:%Y-%m-%d %H:%M:%S}"
