"""Reminder kinds of attendance (registered with the shared mechanism in ``onsite.reminding``)."""

from datetime import date

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from attendance.conf import conf
from attendance.models import CalendarYear
from onsite import dates
from onsite.choices import Role
from onsite.reminding import Due, register


@register("holiday_calendar_provisional", every_seconds=86400, label=_("Provisional calendar"))
def provisional_calendar(now):
    """Next year has no official holiday data yet: warn HR weekly in its last days
    (``ATTENDANCE_PROVISIONAL_WARNING_DAYS``)."""
    today = dates.today(now)
    year = today.year + 1
    if (date(year, 1, 1) - today).days > conf.PROVISIONAL_WARNING_DAYS:
        return
    row, _created = CalendarYear.objects.get_or_create(year=year)
    if not row.provisional:
        return
    hr = list(get_user_model().objects.filter(groups__name=Role.HR, is_active=True).distinct())
    yield Due(
        obj=row,
        period=f"{today.isocalendar().year}-W{today.isocalendar().week:02d}",
        recipients=hr,
        title=_("The holiday calendar of %(year)s is still provisional"),
        body=_(
            "Import the official days (after the State Council notice and a package "
            "upgrade) or enter and confirm them before the year starts."
        ),
        url=reverse("attendance:calendar") + f"?year={year}",
        params={"year": year},
    )
