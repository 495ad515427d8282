"""A person's own attendance: today with check-in/out, their month, their requests."""

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from attendance import services
from attendance.choices import DayStatus, PunchKind
from attendance.conf import conf
from attendance.days import Period
from attendance.filters import month_of
from attendance.holidays import month_range, working_days_after
from attendance.models import LeaveRequest, OvertimeRequest, PunchCorrection
from attendance.summary import leave_types, month_rows
from attendance.views.common import month_nav
from onsite import dates
from onsite.access import allowed
from onsite.middleware import client_ip
from onsite.workflow import WorkflowError


def _position(request):
    """The browser's position from the form, or (None, None) if absent or nonsense."""
    try:
        lat = Decimal(request.POST["lat"]).quantize(Decimal("0.000001"))
        lng = Decimal(request.POST["lng"]).quantize(Decimal("0.000001"))
        if not (-90 <= lat <= 90 and -180 <= lng <= 180):
            return None, None
    except (KeyError, InvalidOperation, ValueError):
        return None, None
    return lat, lng


@allowed("attendance.use")
@require_GET
def today(request):
    now = timezone.localtime()
    day = dates.today(now)
    period = Period([request.user.pk], day, day, today=day)
    context = {
        "day": period.day(request.user.pk, day),
        "assignment": period.assignment_on(request.user.pk, day),
        "record": period.records.get((request.user.pk, day)),
        "now": now,
    }
    return render(request, "attendance/today.html", context)


def _clock(request, service, done):
    lat, lng = _position(request)
    try:
        service(
            request.user,
            ip=client_ip(request),
            agent=request.headers.get("user-agent", ""),
            lat=lat,
            lng=lng,
        )
    except WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done % {"time": timezone.localtime().strftime("%H:%M")})
    return redirect("attendance:today")


@allowed("attendance.use")
@require_POST
def check_in(request):
    return _clock(request, services.check_in, _("Checked in at %(time)s."))


@allowed("attendance.use")
@require_POST
def check_out(request):
    return _clock(request, services.check_out, _("Checked out at %(time)s."))


def _weeks(first, days):
    """The days of a month as calendar weeks (None pads the first and the last week)."""
    weeks, week = [], [None] * first.weekday()
    for day in days:
        week.append(day)
        if len(week) == 7:
            weeks.append(week)
            week = []
    if week:
        weeks.append(week + [None] * (7 - len(week)))
    return weeks


def _offer_corrections(days, today, special):
    """Mark the days whose missed punch may still be corrected (``day.correct_kind``).

    ``special``: the holiday calendar from the month's first day up to ``today``.
    """
    wanted = {DayStatus.MISSING_OUT: PunchKind.CHECK_OUT, DayStatus.ABSENT: PunchKind.CHECK_IN}
    missed = [day for day in days if day.status in wanted and day.date < today]
    for day in missed:
        if working_days_after(day.date, today, special) <= conf.CORRECTION_WORKING_DAYS:
            day.correct_kind = wanted[day.status]


@allowed("attendance.use")
@require_GET
def my_month(request):
    first = month_of(request.GET)
    today = timezone.localdate()
    period = Period([request.user.pk], *month_range(first.year, first.month), calendar_to=today)
    row = month_rows([request.user], first.year, first.month, period=period)[0]
    _offer_corrections(row.days, today, period.calendar)
    context = {
        "row": row,
        "weeks": _weeks(first, row.days),
        "types": leave_types(),
        "weekday_names": [WEEKDAYS_ABBR[i] for i in range(7)],
        "provisional": period.frame.provisional_years([first.year]),
        **month_nav(first),
    }
    return render(request, "attendance/my_month.html", context)


@allowed("attendance.use")
@require_GET
def my_requests(request):
    user = request.user
    overtime = OvertimeRequest.objects.filter(user=user).select_related(
        "site", "supervisor_by", "hr_by"
    )[:50]
    leave = LeaveRequest.objects.filter(user=user).select_related("leave_type", "decided_by")[:50]
    context = {
        "overtime": overtime,
        "leave": leave,
        "corrections": PunchCorrection.objects.filter(user=user).select_related("decided_by")[:50],
        "balances": services.leave_balances(user, timezone.localdate().year),
    }
    return render(request, "attendance/my_requests.html", context)
