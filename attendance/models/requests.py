"""Leave and overtime: types, allowances and requests."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from attendance.choices import (
    Compensation,
    HalfDay,
    LeaveStatus,
    OvertimeKind,
    OvertimeStatus,
)
from onsite.models import Site

User = settings.AUTH_USER_MODEL


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


class Delegation(models.Model):
    """A supervisor away names a deputy who decides their departments' requests for a date
    range (HR may name one too). The deputy's decisions say "on behalf of" in the audit."""

    supervisor = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="delegations_given",
        verbose_name=_("supervisor"),
    )
    deputy = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="delegations_received",
        verbose_name=_("deputy"),
    )
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        User, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("named by")
    )
    created_at = models.DateTimeField(_("named at"), auto_now_add=True)

    class Meta:
        ordering = ["-start_date", "-id"]
        indexes = [models.Index(fields=["start_date", "end_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="delegation_end_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(deputy=F("supervisor")), name="delegation_deputy_not_self"
            ),
        ]
        verbose_name = _("deputy")
        verbose_name_plural = _("deputies")

    def __str__(self):
        return f"{self.supervisor} → {self.deputy} ({self.start_date}–{self.end_date})"
