"""Models of the equipment app: inventory, attachments, maintenance plans, inspections, faults."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from equipment.choices import (
    ANTIVIRUS_CHECKS,
    AttachmentKind,
    CountFrom,
    EquipmentKind,
    EquipmentStatus,
    FaultStatus,
    Frequency,
    HolidayShift,
    InspectionStatus,
    Outcome,
    PlanKind,
)
from onsite.models import BackgroundExport
from onsite.storage import PrivateStorage, private_name

User = settings.AUTH_USER_MODEL
equipment_storage = PrivateStorage("equipment")


def private_storage():
    """The storage callable of the equipment's file fields (referenced by migrations)."""
    return equipment_storage


def attachment_path(instance, filename):
    return private_name("attachments", filename)


def photo_path(instance, filename):
    return private_name("photos", filename)


class ServiceTarget(models.Model):
    """The service contract's targets of one client site: fault response and fix times."""

    site = models.OneToOneField(
        "onsite.Site",
        on_delete=models.CASCADE,
        related_name="service_target",
        verbose_name=_("client site"),
    )
    response_minutes = models.PositiveIntegerField(_("respond within (minutes)"))
    fix_hours = models.PositiveIntegerField(_("fix within (hours)"))

    class Meta:
        verbose_name = _("service target")
        verbose_name_plural = _("service targets")

    def __str__(self):
        return f"{self.site}: {self.response_minutes} min / {self.fix_hours} h"


class Equipment(models.Model):
    """One device at a client site (and maybe a venue): the inventory's record of it."""

    site = models.ForeignKey(
        "onsite.Site",
        on_delete=models.PROTECT,
        related_name="equipment",
        verbose_name=_("client site"),
    )
    venue = models.ForeignKey(
        "onsite.Venue",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="equipment",
        verbose_name=_("venue"),
    )
    room = models.CharField(_("room"), max_length=100, blank=True)
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("type"), max_length=12, choices=EquipmentKind.choices)
    brand = models.CharField(_("brand"), max_length=80, blank=True)
    model_name = models.CharField(_("model"), max_length=80, blank=True)
    serial = models.CharField(_("serial number"), max_length=80, blank=True)
    installed_on = models.DateField(_("installed on"), null=True, blank=True)
    warranty_until = models.DateField(_("warranty until"), null=True, blank=True)
    responsible = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="equipment_responsible",
        verbose_name=_("responsible person"),
    )
    configuration = models.TextField(_("configuration notes"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=EquipmentStatus.choices,
        default=EquipmentStatus.IN_SERVICE,
    )
    registered_by = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("registered by"),
    )
    registered_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    retired_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True)

    class Meta:
        ordering = ["site__code", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "serial"], condition=~Q(serial=""), name="equipment_serial_once"
            )
        ]
        indexes = [models.Index(fields=["site", "venue"])]
        verbose_name = _("equipment")
        verbose_name_plural = _("equipment")

    def __str__(self):
        return f"{self.reference} {self.name}"

    def get_absolute_url(self):
        return reverse("equipment:equipment_detail", args=[self.pk])

    @property
    def reference(self):
        return f"EQ-{self.pk:05d}" if self.pk else ""

    @property
    def location(self):
        parts = [self.site.name, self.venue.name if self.venue_id else "", self.room]
        return " · ".join(p for p in parts if p)


class Attachment(models.Model):
    """A private file of a device (installation record, configuration backup) with its SHA-256."""

    equipment = models.ForeignKey(
        Equipment, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("equipment")
    )
    kind = models.CharField(_("kind"), max_length=14, choices=AttachmentKind.choices)
    file = models.FileField(
        _("file"), upload_to=attachment_path, storage=private_storage, max_length=200
    )
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    note = models.CharField(_("note"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        User, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name


class MaintenancePlan(models.Model):
    """Recurring work on one device or a group: its recurrence, lead time and checklist."""

    title = models.CharField(_("title"), max_length=150)
    kind = models.CharField(_("kind"), max_length=12, choices=PlanKind.choices)
    site = models.ForeignKey(
        "onsite.Site",
        on_delete=models.PROTECT,
        related_name="maintenance_plans",
        verbose_name=_("client site"),
    )
    venue = models.ForeignKey(
        "onsite.Venue",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="maintenance_plans",
        verbose_name=_("venue"),
    )
    equipment = models.ManyToManyField(Equipment, related_name="plans", verbose_name=_("equipment"))
    frequency = models.CharField(_("repeats"), max_length=10, choices=Frequency.choices)
    interval = models.PositiveSmallIntegerField(_("every"), default=1)
    rrule = models.CharField(_("RRULE"), max_length=300, blank=True)
    starts_on = models.DateField(_("first due on"))
    lead_days = models.PositiveSmallIntegerField(_("remind days before"), default=3)
    count_from = models.CharField(
        _("next due counts from"),
        max_length=10,
        choices=CountFrom.choices,
        default=CountFrom.SCHEDULE,
    )
    holiday_shift = models.CharField(
        _("on a holiday"), max_length=8, choices=HolidayShift.choices, default=HolidayShift.NONE
    )
    checklist = models.TextField(_("checklist"), blank=True, help_text=_("One check per line."))
    assignee = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="maintenance_plans",
        verbose_name=_("done by"),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["site__code", "title", "id"]
        verbose_name = _("maintenance plan")
        verbose_name_plural = _("maintenance plans")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("equipment:plan_detail", args=[self.pk])

    @property
    def checks(self):
        """The checklist's lines (an antivirus plan has its fixed three checks)."""
        if self.kind == PlanKind.ANTIVIRUS:
            return [str(check) for check in ANTIVIRUS_CHECKS]
        return [line.strip() for line in self.checklist.splitlines() if line.strip()]


class Inspection(models.Model):
    """One occurrence of a plan: due on a date, then done (with results) or missed."""

    plan = models.ForeignKey(
        MaintenancePlan,
        on_delete=models.CASCADE,
        related_name="inspections",
        verbose_name=_("plan"),
    )
    scheduled_on = models.DateField(_("scheduled on"))
    due_on = models.DateField(_("due on"), db_index=True)
    status = models.CharField(
        _("status"), max_length=8, choices=InspectionStatus.choices, default=InspectionStatus.DUE
    )
    done_by = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "scheduled_on"], name="inspection_once"),
            models.UniqueConstraint(
                fields=["plan"],
                condition=Q(status="due"),
                name="inspection_one_open_per_plan",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_on"])]
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")

    def __str__(self):
        return f"{self.plan.title} {self.due_on:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("equipment:inspection_detail", args=[self.pk])


class InspectionResult(models.Model):
    """One check of one device in a done inspection: passed, failed or n/a, note, photo."""

    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="results", verbose_name=_("inspection")
    )
    equipment = models.ForeignKey(
        Equipment,
        null=True,
        on_delete=models.SET_NULL,
        related_name="results",
        verbose_name=_("equipment"),
    )
    check_name = models.CharField(_("check"), max_length=200)
    outcome = models.CharField(_("result"), max_length=4, choices=Outcome.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    threats_found = models.PositiveIntegerField(_("threats found"), null=True, blank=True)
    photo = models.FileField(
        _("photo"), upload_to=photo_path, storage=private_storage, max_length=200, blank=True
    )
    photo_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("inspection result")
        verbose_name_plural = _("inspection results")

    def __str__(self):
        return f"{self.check_name}: {self.get_outcome_display()}"


class Fault(models.Model):
    """A fault of a device: reported, responded to, fixed (and closed), with its times."""

    equipment = models.ForeignKey(
        Equipment, on_delete=models.PROTECT, related_name="faults", verbose_name=_("equipment")
    )
    title = models.CharField(_("what is wrong"), max_length=200)
    description = models.TextField(_("details"), blank=True)
    client_reported_at = models.DateTimeField(_("client reported at"))
    status = models.CharField(
        _("status"), max_length=10, choices=FaultStatus.choices, default=FaultStatus.REPORTED
    )
    result = models.OneToOneField(
        InspectionResult,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="fault",
        verbose_name=_("failed check"),
    )
    reported_by = models.ForeignKey(
        User, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("reported by")
    )
    reported_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    responded_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)
    fixed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    fixed_at = models.DateTimeField(_("fixed at"), null=True, blank=True)
    work_done = models.TextField(_("what was done"), blank=True)
    closed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["-client_reported_at", "-id"]
        indexes = [models.Index(fields=["status", "client_reported_at"])]
        verbose_name = _("fault")
        verbose_name_plural = _("faults")

    def __str__(self):
        return f"{self.reference} {self.title}"

    def get_absolute_url(self):
        return reverse("equipment:fault_detail", args=[self.pk])

    @property
    def reference(self):
        return f"F-{self.pk:05d}" if self.pk else ""

    @property
    def response_minutes(self):
        if not self.responded_at:
            return None
        return max(0, int((self.responded_at - self.client_reported_at).total_seconds() // 60))

    @property
    def fix_minutes(self):
        if not self.fixed_at:
            return None
        return max(0, int((self.fixed_at - self.client_reported_at).total_seconds() // 60))


def new_feed_token():
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A person's private iCalendar link; renewing it revokes the old one."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="equipment_feed")
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("calendar link")
        verbose_name_plural = _("calendar links")

    def __str__(self):
        return f"{self.user} {self.created_at:%Y-%m-%d}"


class EquipmentExport(BackgroundExport):
    """A compliance report (Excel or PDF) made in the background for one person."""

    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))

    class Meta(BackgroundExport.Meta):
        verbose_name = _("equipment export")
        verbose_name_plural = _("equipment exports")

    def get_absolute_url(self):
        return reverse("equipment:export_list")
