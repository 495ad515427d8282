"""The holiday calendar: everyone reads it; HR adds, changes, removes days and confirms or
imports a year."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from attendance import services
from attendance.choices import CalendarKind
from attendance.forms import CalendarDayForm
from attendance.holidays import calendar_warning, provisional_years
from attendance.models import CalendarYear, HolidayCalendarDay
from attendance.views.common import year_of
from onsite.access import allowed, signed_in
from onsite.permissions import may


def _calendar_of(year):
    return redirect(f"{reverse('attendance:calendar')}?year={year}")


@signed_in
@require_GET
def calendar(request):
    year = year_of(request)
    may_edit = may(request.user, "attendance.manage_calendar")
    context = {
        "year": year,
        "days": HolidayCalendarDay.objects.filter(date__year=year),
        "year_row": CalendarYear.objects.filter(year=year).first(),
        "provisional": provisional_years([year]),
        "warn": calendar_warning() if may_edit else [],
        "may_edit": may_edit,
        "form": CalendarDayForm(initial={"kind": CalendarKind.HOLIDAY}),
        "previous_year": year - 1,
        "next_year": year + 1,
    }
    return render(request, "attendance/calendar.html", context)


@allowed("attendance.manage_calendar")
@require_POST
def calendar_day_save(request):
    form = CalendarDayForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label} {error}".strip())
        return _calendar_of(timezone.localdate().year)
    data = form.cleaned_data
    services.save_calendar_day(
        request.user, date=data["date"], kind=data["kind"], name=data["name"]
    )
    messages.success(request, _("The calendar was updated."))
    return _calendar_of(data["date"].year)


@allowed("attendance.manage_calendar")
@require_POST
def calendar_day_delete(request, pk):
    day = get_object_or_404(HolidayCalendarDay, pk=pk)
    services.remove_calendar_day(request.user, day)
    messages.success(request, _("The day was removed from the calendar."))
    return _calendar_of(day.date.year)


@allowed("attendance.manage_calendar")
@require_POST
def calendar_year(request, year, action):
    if action == "confirm":
        services.confirm_calendar_year(request.user, year)
        messages.success(request, _("The calendar of %(year)s is confirmed.") % {"year": year})
    elif action == "import":
        rows = services.import_calendar_year(request.user, year)
        if rows:
            messages.success(request, _("%(rows)d official days loaded.") % {"rows": rows})
        else:
            messages.warning(
                request,
                _(
                    "No official data for %(year)s yet: "
                    "enter the days from the State Council notice."
                )
                % {"year": year},
            )
    else:
        raise Http404
    return _calendar_of(year)
