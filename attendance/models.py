"""Models of the attendance app: schedules, holiday calendar, check-ins, leave and overtime.

Durations are stored as whole minutes (or days as decimals), never as "HH:MM" text.
Statuses of days are derived (``attendance.days``), never stored.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from attendance.choices import (
    CalendarKind,
    CalendarSource,
    Compensation,
    ExportFormat,
    ExportScope,
    HalfDay,
    LeaveStatus,
    OvertimeKind,
    OvertimeStatus,
)
from onsite.models import BackgroundExport, Department, Site

User = settings.AUTH_USER_MODEL


def validate_weekdays(value):
    if not value or any(ch not in "1234567" for ch in value) or len(set(value)) != len(value):
        raise ValidationError(_("Use the digits 1 (Monday) to 7 (Sunday), each at most once."))


class SiteSchedule(models.Model):
    """A client site's working hours from a date on; a later row replaces it from its date."""

    site = models.ForeignKey(
        Site, on_delete=models.CASCADE, related_name="schedules", verbose_name=_("client site")
    )
    valid_from = models.DateField(_("valid from"))
    weekdays = models.CharField(
        _("working weekdays"),
        max_length=7,
        default="12345",
        validators=[validate_weekdays],
        help_text=_("Digits 1 (Monday) to 7 (Sunday), e.g. 12345."),
    )
    start_time = models.TimeField(_("start of work"))
    end_time = models.TimeField(_("end of work"))
    grace_minutes = models.PositiveSmallIntegerField(
        _("grace minutes"), default=5, validators=[MaxValueValidator(120)]
    )
    follows_national_calendar = models.BooleanField(
        _("follows the national holiday calendar"), default=True
    )

    class Meta:
        ordering = ["site", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["site", "valid_from"], name="schedule_once_per_date"),
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")), name="schedule_end_after_start"
            ),
        ]
        verbose_name = _("site schedule")
        verbose_name_plural = _("site schedules")

    def __str__(self):
        return f"{self.site} {self.valid_from}: {self.start_time:%H:%M}–{self.end_time:%H:%M}"

    def clean(self):
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("The end must be after the start.")})

    def works_on_weekday(self, day):
        return str(day.isoweekday()) in self.weekdays


class SiteDayOff(models.Model):
    """A day the client site is closed although the calendar says it is a working day."""

    site = models.ForeignKey(
        Site, on_delete=models.CASCADE, related_name="days_off", verbose_name=_("client site")
    )
    date = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        ordering = ["-date"]
        constraints = [models.UniqueConstraint(fields=["site", "date"], name="site_day_off_once")]
        verbose_name = _("client day off")
        verbose_name_plural = _("client days off")

    def __str__(self):
        return f"{self.site} {self.date}"


class CheckInPolicy(models.Model):
    """Where a check-in at a site is accepted from: IP ranges and/or a geofence."""

    site = models.OneToOneField(
        Site, on_delete=models.CASCADE, related_name="checkin_policy", verbose_name=_("client site")
    )
    allowed_networks = models.TextField(
        _("allowed networks"),
        blank=True,
        help_text=_("One IP address or range per line, e.g. 10.8.0.0/16. Empty: any."),
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    radius_metres = models.PositiveIntegerField(
        _("radius (metres)"), null=True, blank=True, validators=[MinValueValidator(10)]
    )

    class Meta:
        verbose_name = _("check-in policy")
        verbose_name_plural = _("check-in policies")

    def __str__(self):
        return str(self.site)

    def clean(self):
        from attendance.geo import parse_networks

        try:
            parse_networks(self.allowed_networks)
        except ValueError as exc:
            raise ValidationError({"allowed_networks": str(exc)}) from None
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Give both latitude and longitude, or neither."))

    @property
    def has_geofence(self):
        return self.latitude is not None and self.longitude is not None


class CalendarYear(models.Model):
    """Whether a year's holiday data is official (seeded or confirmed) or still provisional."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    provisional = models.BooleanField(_("provisional"), default=True)
    seeded_at = models.DateTimeField(_("seeded at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    class Meta:
        ordering = ["year"]
        verbose_name = _("calendar year")
        verbose_name_plural = _("calendar years")

    def __str__(self):
        return str(self.year)


class HolidayCalendarDay(models.Model):
    """A date the national calendar marks: statutory holiday, break day or make-up working day.

    Dates without a row follow the weekday (Monday–Friday work, weekend rest).
    """

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=CalendarKind.choices)
    name = models.CharField(_("name"), max_length=100, blank=True)
    source = models.CharField(
        _("source"), max_length=10, choices=CalendarSource.choices, default=CalendarSource.HR
    )

    class Meta:
        ordering = ["date"]
        verbose_name = _("holiday calendar day")
        verbose_name_plural = _("holiday calendar")

    def __str__(self):
        return f"{self.date} {self.get_kind_display()} {self.name}".strip()


class AttendanceRecord(models.Model):
    """One person's check-in and check-out of one day, with where they came from."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("staff member")
    )
    date = models.DateField(_("date"))
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="+", verbose_name=_("client site")
    )
    check_in_at = models.DateTimeField(_("checked in"))
    check_in_ip = models.GenericIPAddressField(_("check-in IP"), null=True, blank=True)
    check_in_agent = models.CharField(_("check-in browser"), max_length=300, blank=True)
    check_in_lat = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    check_in_lng = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    check_out_at = models.DateTimeField(_("checked out"), null=True, blank=True)
    check_out_ip = models.GenericIPAddressField(_("check-out IP"), null=True, blank=True)
    check_out_agent = models.CharField(_("check-out browser"), max_length=300, blank=True)
    check_out_lat = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    check_out_lng = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)

    class Meta:
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["user", "date"], name="one_check_in_per_day"),
            models.CheckConstraint(
                condition=Q(check_out_at__isnull=True) | Q(check_out_at__gt=F("check_in_at")),
                name="check_out_after_check_in",
            ),
        ]
        verbose_name = _("attendance record")
        verbose_name_plural = _("attendance records")

    def __str__(self):
        return f"{self.user} {self.date}"

    @property
    def worked_minutes(self):
        if not self.check_out_at:
            return 0
        return int((self.check_out_at - self.check_in_at).total_seconds() // 60)


class LeaveType(models.Model):
    """A kind of leave with a yearly allowance (in days) set by HR."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=100)
    yearly_allowance = models.DecimalField(
        _("yearly allowance (days)"),
        max_digits=5,
        decimal_places=1,
        default=0,
        validators=[MinValueValidator(0)],
    )
    allow_negative = models.BooleanField(
        _("may go below zero"),
        default=False,
        help_text=_("For unpaid or sick leave that is not limited by an allowance."),
    )
    is_compensatory = models.BooleanField(
        _("compensatory leave (调休)"),
        default=False,
        help_text=_("Its balance is earned by rest-day overtime taken as leave."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("leave type")
        verbose_name_plural = _("leave types")

    def __str__(self):
        return self.name


class LeaveAllowance(models.Model):
    """One person's allowance of a leave type in a year, replacing the type's default.

    E.g. statutory annual leave grows with years of service (5, 10 or 15 days).
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="leave_allowances", verbose_name=_("staff")
    )
    leave_type = models.ForeignKey(
        LeaveType, on_delete=models.CASCADE, related_name="allowances", verbose_name=_("leave type")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    days = models.DecimalField(
        _("days"), max_digits=5, decimal_places=1, validators=[MinValueValidator(0)]
    )

    class Meta:
        ordering = ["-year", "user", "leave_type"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "leave_type", "year"], name="one_allowance_per_year"
            )
        ]
        verbose_name = _("personal leave allowance")
        verbose_name_plural = _("personal leave allowances")

    def __str__(self):
        return f"{self.user} {self.leave_type} {self.year}: {self.days}"


class LeaveRequest(models.Model):
    """A request for leave from a half day to several days; approved by the supervisor."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="leave_requests", verbose_name=_("applicant")
    )
    leave_type = models.ForeignKey(
        LeaveType, on_delete=models.PROTECT, related_name="requests", verbose_name=_("leave type")
    )
    start_date = models.DateField(_("first day"))
    start_half = models.CharField(
        _("starting"), max_length=2, choices=HalfDay.choices, default=HalfDay.AM
    )
    end_date = models.DateField(_("last day"))
    end_half = models.CharField(
        _("ending"), max_length=2, choices=HalfDay.choices, default=HalfDay.PM
    )
    days = models.DecimalField(_("working days"), max_digits=5, decimal_places=1)
    reason = models.TextField(_("reason"))
    status = models.CharField(
        _("status"), max_length=20, choices=LeaveStatus.choices, default=LeaveStatus.SUBMITTED
    )
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_comment = models.TextField(_("decision comment"), blank=True)

    class Meta:
        ordering = ["-start_date", "-id"]
        indexes = [models.Index(fields=["user", "start_date"]), models.Index(fields=["status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="leave_end_after_start"
            )
        ]
        verbose_name = _("leave request")
        verbose_name_plural = _("leave requests")

    def __str__(self):
        return f"{self.leave_type} {self.start_date}–{self.end_date}"

    def get_absolute_url(self):
        return reverse("attendance:leave_detail", args=[self.pk])

    def half_slots(self):
        """(first, last) half-day slots as comparable tuples (date, 0 morning / 1 afternoon)."""
        return (
            (self.start_date, 0 if self.start_half == HalfDay.AM else 1),
            (self.end_date, 0 if self.end_half == HalfDay.AM else 1),
        )


class OvertimeRequest(models.Model):
    """Overtime asked for in advance, approved by the supervisor, then approved and filed by HR."""

    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="overtime_requests",
        verbose_name=_("applicant"),
    )
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="+", verbose_name=_("client site")
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("until"))
    planned_minutes = models.PositiveIntegerField(_("planned minutes"))
    kind = models.CharField(_("type"), max_length=10, choices=OvertimeKind.choices)
    compensation = models.CharField(
        _("compensation"), max_length=10, choices=Compensation.choices, default=Compensation.PAY
    )
    reason = models.TextField(_("reason"))
    submitted_late = models.BooleanField(_("asked for after it started"), default=False)
    late_reason = models.TextField(_("reason for asking late"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=OvertimeStatus.choices,
        default=OvertimeStatus.SUBMITTED,
    )
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    supervisor_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    supervisor_at = models.DateTimeField(_("supervisor decided at"), null=True, blank=True)
    hr_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hr_at = models.DateTimeField(_("HR decided at"), null=True, blank=True)
    decision_comment = models.TextField(_("last decision comment"), blank=True)
    actual_minutes = models.PositiveIntegerField(_("actual minutes"), null=True, blank=True)
    actual_confirmed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actual_confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["user", "date"]), models.Index(fields=["status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")), name="overtime_end_after_start"
            )
        ]
        verbose_name = _("overtime request")
        verbose_name_plural = _("overtime requests")

    def __str__(self):
        return f"{self.date} {self.start_time:%H:%M}–{self.end_time:%H:%M}"

    def get_absolute_url(self):
        return reverse("attendance:overtime_detail", args=[self.pk])

    @property
    def counted_minutes(self):
        """Confirmed minutes if confirmed, otherwise the planned ones."""
        return self.actual_minutes if self.actual_minutes is not None else self.planned_minutes

    @property
    def pay_rate(self):
        from attendance.choices import PAY_RATES

        return PAY_RATES[self.kind]


class AttendanceExport(BackgroundExport):
    """A month's attendance (PDF or Excel) made in the background for one person.

    Its life cycle (queue, claim, progress, private file with SHA-256, expiry, retry) is the
    core's (``onsite.exports``); the builder is ``attendance.exports``. Only the person who
    asked for it sees and downloads it.
    """

    scope = models.CharField(_("scope"), max_length=12, choices=ExportScope.choices)
    department = models.ForeignKey(Department, null=True, blank=True, on_delete=models.CASCADE)
    site = models.ForeignKey(Site, null=True, blank=True, on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    format = models.CharField(_("format"), max_length=5, choices=ExportFormat.choices)

    class Meta(BackgroundExport.Meta):
        verbose_name = _("attendance export")
        verbose_name_plural = _("attendance exports")

    def __str__(self):
        return f"{self.year}-{self.month:02d} {self.get_scope_display()} {self.format}"

    def get_absolute_url(self):
        return reverse("attendance:exports")
