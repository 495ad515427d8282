"""Models of the meeting rooms: access log, visits, meetings, sub-venues, deposits, pledges.

Venues and people live in the core (``onsite.models``); archive items in the archive.
Every workflow row names its venue (directly or through its meeting), so one JOIN scopes it.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetingroom.choices import (
    AdmissionStatus,
    DenialReason,
    DepositStatus,
    EntryStatus,
    MeetingStatus,
    PledgeMethod,
    PledgeStatus,
    VerificationMethod,
    VisitStatus,
)
from meetingroom.conf import conf
from onsite.models import BackgroundExport
from onsite.names import display_name
from onsite.storage import PrivateStorage, private_name

User = settings.AUTH_USER_MODEL
private_storage = PrivateStorage("meetingroom")


def notice_path(instance, filename):
    return private_name("notices", filename)


def scan_path(instance, filename):
    return private_name("pledges", filename)


_BLANK = _("Leave empty for the default.")


def _or(value, default):
    return default if value is None else value


def _classification_label(level):
    from archive.choices import classification_label

    return classification_label(level)


class VenueSettings(models.Model):
    """A venue's own figures (lockdown window, open-entry limit) and its archive collection."""

    venue = models.OneToOneField(
        "onsite.Venue", on_delete=models.CASCADE, related_name="meeting_settings"
    )
    collection = models.ForeignKey(
        "archive.Collection",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="venue_settings",
        verbose_name=_("archive collection for recordings"),
    )
    lockdown_before_minutes = models.PositiveIntegerField(
        _("lockdown starts (minutes before)"), null=True, blank=True, help_text=_BLANK
    )
    lockdown_after_minutes = models.PositiveIntegerField(
        _("lockdown ends (minutes after)"), null=True, blank=True, help_text=_BLANK
    )
    open_entry_hours = models.PositiveIntegerField(
        _("flag an entry open longer than (hours)"), null=True, blank=True, help_text=_BLANK
    )

    class Meta:
        verbose_name = _("venue settings")
        verbose_name_plural = _("venue settings")

    def __str__(self):
        return str(self.venue)

    @property
    def before(self):
        return timedelta(minutes=_or(self.lockdown_before_minutes, conf.LOCKDOWN_BEFORE_MINUTES))

    @property
    def after(self):
        return timedelta(minutes=_or(self.lockdown_after_minutes, conf.LOCKDOWN_AFTER_MINUTES))

    @property
    def open_hours(self):
        return _or(self.open_entry_hours, conf.OPEN_ENTRY_HOURS)


def settings_for(venue):
    """The venue's settings row, or an unsaved one with the defaults (no query if prefetched)."""
    try:
        return venue.meeting_settings
    except VenueSettings.DoesNotExist:
        return VenueSettings(venue=venue)


class Meeting(models.Model):
    """A meeting in a venue; classified or important meetings lock the venue down."""

    venue = models.ForeignKey(
        "onsite.Venue", on_delete=models.PROTECT, related_name="meetings", verbose_name=_("venue")
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    classification = models.PositiveSmallIntegerField(_("classification"), default=0)
    important = models.BooleanField(
        _("important"), default=False, help_text=_("An important meeting locks the venue down.")
    )
    organiser = models.CharField(_("organiser"), max_length=150)
    status = models.CharField(
        _("status"), max_length=12, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    staff = models.ManyToManyField(
        User, blank=True, related_name="served_meetings", verbose_name=_("serving staff")
    )
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="meetingroom_meeting_ends"
            )
        ]
        indexes = [models.Index(fields=["venue", "starts_at"])]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self):
        return f"{self.title} {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("meetingroom:meeting_detail", args=[self.pk])

    @property
    def classification_label(self):
        return _classification_label(self.classification)

    @property
    def classified(self):
        return self.classification >= conf.CLASSIFIED_LEVEL

    @property
    def locks_down(self):
        return self.status == MeetingStatus.SCHEDULED and (self.classified or self.important)


class SubVenue(models.Model):
    """A registered teleconference sub-venue (分会场) of a venue's registry."""

    venue = models.ForeignKey(
        "onsite.Venue", on_delete=models.PROTECT, related_name="subvenues", verbose_name=_("venue")
    )
    name = models.CharField(_("name"), max_length=150)
    organisation = models.CharField(_("organisation"), max_length=150)
    contact = models.CharField(_("contact"), max_length=150)
    endpoint = models.CharField(_("endpoint identifier"), max_length=100)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["venue", "endpoint"], name="meetingroom_endpoint_once")
        ]
        verbose_name = _("sub-venue")
        verbose_name_plural = _("sub-venues")

    def __str__(self):
        return f"{self.name} ({self.organisation})"


class MeetingNotice(models.Model):
    """The meeting notice (会议电报通知): who issued it, and the sub-venues it authorises."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="notice")
    number = models.CharField(_("notice number"), max_length=60)
    issuer = models.CharField(_("issued by"), max_length=150)
    issued_on = models.DateField(_("date of issue"))
    attachment = models.FileField(
        _("attachment"), upload_to=notice_path, storage=private_storage, max_length=200, blank=True
    )
    attachment_name = models.CharField(max_length=200, blank=True)
    attachment_sha256 = models.CharField(max_length=64, blank=True)
    authorised = models.ManyToManyField(
        SubVenue, blank=True, related_name="notices", verbose_name=_("authorised sub-venues")
    )
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("meeting notice")
        verbose_name_plural = _("meeting notices")

    def __str__(self):
        return self.number


class SubVenueAdmission(models.Model):
    """One sub-venue asking to join one meeting: verified, then admitted (or refused)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="admissions")
    subvenue = models.ForeignKey(SubVenue, on_delete=models.PROTECT, related_name="admissions")
    status = models.CharField(
        _("status"), max_length=10, choices=AdmissionStatus.choices, default=AdmissionStatus.PENDING
    )
    method = models.CharField(
        _("verification method"), max_length=12, choices=VerificationMethod.choices, blank=True
    )
    verification_note = models.TextField(_("verification note"), blank=True)
    verified_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    admitted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    admitted_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)
    opened_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "subvenue__name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "subvenue"], name="meetingroom_admit_once")
        ]
        verbose_name = _("sub-venue admission")
        verbose_name_plural = _("sub-venue admissions")

    def __str__(self):
        return f"{self.subvenue.name} · {self.meeting.title}"

    def get_absolute_url(self):
        return reverse("meetingroom:admission_detail", args=[self.pk])


class Visit(models.Model):
    """A visitor's visit: filed and approved by the leader, or admitted exceptionally."""

    venue = models.ForeignKey(
        "onsite.Venue", on_delete=models.PROTECT, related_name="visits", verbose_name=_("venue")
    )
    visitor_name = models.CharField(_("visitor"), max_length=100)
    organisation = models.CharField(_("organisation"), max_length=150)
    id_tail = models.CharField(
        _("ID last 4 digits or badge"), max_length=20, help_text=_("Never the whole ID number.")
    )
    purpose = models.CharField(_("purpose"), max_length=300)
    expected_from = models.DateTimeField(_("expected from"))
    expected_until = models.DateTimeField(_("expected until"))
    supervisor = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        related_name="supervised_visits",
        verbose_name=_("supervising manager"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=VisitStatus.choices, default=VisitStatus.FILED
    )
    filed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    filed_at = models.DateTimeField(auto_now_add=True)
    exception_reason = models.TextField(_("reason for admission without approval"), blank=True)
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_comment = models.TextField(_("leader's comment"), blank=True)

    class Meta:
        ordering = ["-expected_from", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expected_until__gt=models.F("expected_from")),
                name="meetingroom_visit_window",
            )
        ]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")

    def __str__(self):
        return f"{self.visitor_name} ({self.organisation})"

    def get_absolute_url(self):
        return reverse("meetingroom:visit_detail", args=[self.pk])

    @property
    def flagged(self):
        """Admitted without prior approval (confirmed afterwards or not)."""
        return self.status in (VisitStatus.ADMITTED, VisitStatus.CONFIRMED)


class AccessEntry(models.Model):
    """One entry into a venue and its exit: a person of the venue or a visitor."""

    venue = models.ForeignKey(
        "onsite.Venue", on_delete=models.PROTECT, related_name="access_log", verbose_name=_("venue")
    )
    person = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="venue_entries"
    )
    visit = models.ForeignKey(
        Visit, null=True, blank=True, on_delete=models.PROTECT, related_name="entries"
    )
    name = models.CharField(_("who"), max_length=100)
    organisation = models.CharField(_("organisation"), max_length=150, blank=True)
    purpose = models.CharField(_("purpose"), max_length=300, blank=True)
    supervisor = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("supervising person"),
    )
    status = models.CharField(
        _("status"), max_length=8, choices=EntryStatus.choices, default=EntryStatus.INSIDE
    )
    entered_at = models.DateTimeField(_("time in"))
    exited_at = models.DateTimeField(_("time out"), null=True, blank=True)
    logged_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    exit_logged_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-entered_at", "-id"]
        constraints = [
            # A person (or a visitor's visit) cannot be inside twice, anywhere.
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(exited_at__isnull=True, person__isnull=False),
                name="meetingroom_person_inside_once",
            ),
            models.UniqueConstraint(
                fields=["visit"],
                condition=Q(exited_at__isnull=True, visit__isnull=False),
                name="meetingroom_visit_inside_once",
            ),
            models.CheckConstraint(
                condition=Q(exited_at__isnull=True) | Q(exited_at__gte=models.F("entered_at")),
                name="meetingroom_exit_after_entry",
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=True) | Q(visit__isnull=True),
                name="meetingroom_person_or_visit",
            ),
        ]
        indexes = [
            # The log's list: newest first, ties broken by id, read straight off the index.
            models.Index(fields=["venue", "-entered_at", "-id"], name="meetingroom_log_by_time"),
            # "Who is inside": only the open entries, already in order.
            models.Index(
                fields=["venue", "entered_at"],
                condition=Q(exited_at__isnull=True),
                name="meetingroom_inside",
            ),
        ]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")

    def __str__(self):
        return f"{self.name} {timezone.localtime(self.entered_at):%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("meetingroom:entry_detail", args=[self.pk])

    def open_too_long(self, now, hours):
        return self.exited_at is None and (now - self.entered_at).total_seconds() > hours * 3600


class DeniedAttempt(models.Model):
    """An entry refused (no approval, outside the window, lockdown, no pledge), kept for good."""

    venue = models.ForeignKey(
        "onsite.Venue", on_delete=models.PROTECT, related_name="denied_attempts"
    )
    person = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    visit = models.ForeignKey(
        Visit, null=True, blank=True, on_delete=models.PROTECT, related_name="denials"
    )
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="denials"
    )
    name = models.CharField(_("who"), max_length=100)
    organisation = models.CharField(_("organisation"), max_length=150, blank=True)
    reason = models.CharField(_("reason"), max_length=16, choices=DenialReason.choices)
    message = models.CharField(_("message"), max_length=300)
    attempted_at = models.DateTimeField(_("time"))
    logged_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-attempted_at", "-id"]
        indexes = [models.Index(fields=["venue", "-attempted_at"], name="meetingroom_denied_time")]
        verbose_name = _("denied attempt")
        verbose_name_plural = _("denied attempts")

    def __str__(self):
        return f"{self.name} · {self.get_reason_display()}"


class DeviceDeposit(models.Model):
    """Phones and wireless devices one person hands in for a classified meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="deposits")
    owner_name = models.CharField(_("owner"), max_length=100)
    devices = models.CharField(_("devices"), max_length=300)
    count = models.PositiveSmallIntegerField(_("number of devices"), default=1)
    tag = models.CharField(_("tag or box number"), max_length=30, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=DepositStatus.choices, default=DepositStatus.HELD
    )
    received_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    received_at = models.DateTimeField(_("handed in at"), auto_now_add=True)
    returned_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    returned_at = models.DateTimeField(_("given back at"), null=True, blank=True)

    class Meta:
        ordering = ["meeting", "owner_name", "id"]
        verbose_name = _("device deposit")
        verbose_name_plural = _("device deposits")

    def __str__(self):
        return f"{self.owner_name}: {self.devices}"

    def get_absolute_url(self):
        return reverse("meetingroom:deposit_detail", args=[self.pk])


class Pledge(models.Model):
    """A confidentiality pledge (保密承诺): signed in the portal or an uploaded scan."""

    person = models.ForeignKey(User, on_delete=models.PROTECT, related_name="pledges")
    version = models.CharField(_("text version"), max_length=20)
    text = models.TextField(_("pledge text"))
    method = models.CharField(_("signed by"), max_length=10, choices=PledgeMethod.choices)
    signature = models.BinaryField(_("signature image (PNG)"), null=True, blank=True)
    scan = models.FileField(
        _("scan"), upload_to=scan_path, storage=private_storage, max_length=200, blank=True
    )
    scan_sha256 = models.CharField(_("scan SHA-256"), max_length=64, blank=True)
    signed_on = models.DateField(_("signed on"))
    valid_until = models.DateField(_("valid until"))
    status = models.CharField(
        _("status"), max_length=10, choices=PledgeStatus.choices, default=PledgeStatus.SIGNED
    )
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)

    class Meta:
        ordering = ["-signed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gte=models.F("signed_on")),
                name="meetingroom_pledge_validity",
            )
        ]
        indexes = [models.Index(fields=["person", "valid_until"])]
        verbose_name = _("confidentiality pledge")
        verbose_name_plural = _("confidentiality pledges")

    def __str__(self):
        return _("Pledge of %(name)s until %(date)s") % {
            "name": display_name(self.person),
            "date": self.valid_until.isoformat(),
        }

    def get_absolute_url(self):
        return reverse("meetingroom:pledge_detail", args=[self.pk])

    def valid_on(self, day):
        return self.status == PledgeStatus.SIGNED and self.signed_on <= day <= self.valid_until


class MeetingRecording(models.Model):
    """A recording of a meeting handed to the archive: the archive item it became."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="recordings")
    item = models.OneToOneField(
        "archive.Item", on_delete=models.PROTECT, related_name="meeting_recording"
    )
    handed_over_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    handed_over_at = models.DateTimeField(_("handed over at"))

    class Meta:
        ordering = ["meeting", "item_id"]
        verbose_name = _("meeting recording")
        verbose_name_plural = _("meeting recordings")

    def __str__(self):
        return f"{self.meeting.title} → {self.item_id}"


class AccessLogExport(BackgroundExport):
    """An access log or denied-attempts export of one venue and period, for its owner only."""

    venue = models.ForeignKey("onsite.Venue", on_delete=models.CASCADE, related_name="+")
    date_from = models.DateField(_("from"))
    date_to = models.DateField(_("to"))

    class Meta(BackgroundExport.Meta):
        verbose_name = _("access log export")
        verbose_name_plural = _("access log exports")

    def get_absolute_url(self):
        return reverse("meetingroom:export_list")
