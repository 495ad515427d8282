"""HR's setup: site schedules, client days off, check-in policies, the holiday calendar."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from attendance.choices import (
    CalendarKind,
    CalendarSource,
)
from onsite.models import Site

User = settings.AUTH_USER_MODEL


def validate_weekdays(value):
    if not value or any(ch not in "1234567" for ch in value) or len(set(value)) != len(value):
        raise ValidationError(_("Use the digits 1 (Monday) to 7 (Sunday), each at most once."))


def weekdays_label(digits):
    """``"123456"`` → "Monday to Saturday" (a run), ``"135"`` → "Monday, Wednesday, Friday"."""
    from django.utils.dates import WEEKDAYS
    from django.utils.translation import gettext, pgettext

    days = sorted({int(ch) for ch in digits or "" if ch in "1234567"})
    if not days:
        return ""
    names = [str(WEEKDAYS[d - 1]) for d in days]
    if len(days) > 2 and days == list(range(days[0], days[-1] + 1)):
        return gettext("%(first)s to %(last)s") % {"first": names[0], "last": names[-1]}
    return pgettext("list of weekdays", ", ").join(names)


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

    def weekdays_label(self):
        """The working weekdays as people say them: "周一至周五", "周一、周三、周五"."""
        return weekdays_label(self.weekdays)


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


class AttendancePolicy(models.Model):
    """The attendance rules HR sets for the company (one row)."""

    corrections_per_month = models.PositiveSmallIntegerField(
        _("missed-punch corrections a month"),
        validators=[MaxValueValidator(31)],
        help_text=_("How many missed check-ins or check-outs one person may correct a month."),
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("attendance rules")
        verbose_name_plural = _("attendance rules")

    def __str__(self):
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls):
        """The company's rules (defaults from the settings until HR saves them)."""
        from attendance.conf import conf

        return cls.objects.first() or cls(corrections_per_month=conf.CORRECTIONS_PER_MONTH)
