"""What everyone's days between two dates are judged against, read in ONE query: the
client sites' schedules, their days off, the national holiday calendar and which of its
years are official (and, for a ``Period``, its people's assignments).

Five small tables answer every day of every person; a page that derives days (today, a
month, a team grid, a summary) reads them once, as the rows of one ``UNION ALL``.
"""

from collections import defaultdict
from datetime import time, timedelta

from django.db.models import (
    BigIntegerField,
    BooleanField,
    CharField,
    DateField,
    F,
    Q,
    TimeField,
    Value,
)
from django.db.models.functions import Cast

from attendance.choices import CalendarKind, DayKind
from attendance.models import CalendarYear, HolidayCalendarDay, SiteDayOff, SiteSchedule
from onsite.models import Assignment

# Used for a site that has no schedule yet.
DEFAULT_SCHEDULE = SiteSchedule(
    weekdays="12345", start_time=time(9, 0), end_time=time(18, 0), grace_minutes=5
)
CALENDAR_KINDS = {
    CalendarKind.HOLIDAY: DayKind.HOLIDAY,
    CalendarKind.BREAK: DayKind.BREAK,
    CalendarKind.MAKEUP: DayKind.MAKEUP,
}
_COLUMNS = (
    "f_tag",
    "f_site",
    "f_day",
    "f_until",
    "f_text",
    "f_start",
    "f_end",
    "f_number",
    "f_id",
    "f_flag",
)


# The union's column types, made once (not per query).
_ID, _DATE, _TEXT, _TIME, _FLAG = (
    BigIntegerField(),
    DateField(),
    CharField(),
    TimeField(),
    BooleanField(),
)


def _null(field):
    """A typed NULL: PostgreSQL reads two untyped ones in a union as text."""
    return Cast(Value(None), output_field=field)


_EMPTY = {
    "f_site": _null(_ID),
    "f_day": _null(_DATE),
    "f_until": _null(_DATE),
    "f_text": Value("", output_field=_TEXT),
    "f_start": _null(_TIME),
    "f_end": _null(_TIME),
    "f_number": Value(0, output_field=_ID),
    "f_id": Value(0, output_field=_ID),
    "f_flag": Value(False, output_field=_FLAG),
}


def _rows(tag, queryset, **columns):
    """``queryset`` as the union's columns (``_COLUMNS``); missing ones are empty."""
    return (
        queryset.order_by()
        .annotate(f_tag=Value(tag, output_field=_TEXT), **{**_EMPTY, **columns})
        .values_list(*_COLUMNS)
    )


def assignments_between(user_ids, first, last):
    """The assignments of ``user_ids`` that touch the dates from ``first`` to ``last``."""
    return Assignment.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=first),
        user_id__in=user_ids,
        start_date__lte=last,
    )


def _read(first, last, calendar_last, site_ids, user_ids):
    calendar = _rows(
        "calendar",
        HolidayCalendarDay.objects.filter(date__gte=first, date__lte=calendar_last),
        f_day=F("date"),
        f_text=F("kind"),
    )
    years = _rows(
        "year",
        CalendarYear.objects.filter(year__gte=first.year, year__lte=calendar_last.year),
        f_number=F("year"),
        f_flag=F("provisional"),
    )
    parts = [years]
    if user_ids is not None:
        assignments = assignments_between(user_ids, first, last)
        parts.append(
            _rows(
                "assignment",
                assignments,
                f_site=F("site_id"),
                f_day=F("start_date"),
                f_until=F("end_date"),
                f_number=F("user_id"),
                f_id=F("id"),
            )
        )
        site_ids = assignments.values("site_id")
    if site_ids is None or not isinstance(site_ids, (set, list, tuple)) or site_ids:
        schedules = SiteSchedule.objects.filter(valid_from__lte=last)
        days_off = SiteDayOff.objects.filter(date__gte=first, date__lte=last)
        if site_ids is not None:
            schedules = schedules.filter(site_id__in=site_ids)
            days_off = days_off.filter(site_id__in=site_ids)
        parts.append(
            _rows(
                "schedule",
                schedules,
                f_site=F("site_id"),
                f_day=F("valid_from"),
                f_text=F("weekdays"),
                f_start=F("start_time"),
                f_end=F("end_time"),
                f_number=F("grace_minutes"),
                f_flag=F("follows_national_calendar"),
            )
        )
        parts.append(_rows("day_off", days_off, f_site=F("site_id"), f_day=F("date")))
    return calendar.union(*parts, all=True)


class Frame:
    """The schedules, client days off and national calendar between two dates (one query;
    all sites, or those of ``site_ids``). One frame serves several ``Period`` objects of
    the same dates. ``calendar_to``: read the calendar further, up to that date.
    ``user_ids``: read those people's assignments too (``assignments``, latest first) and
    only their sites."""

    def __init__(self, first, last, *, site_ids=None, calendar_to=None, user_ids=None):
        self.first, self.last = first, last
        self.assignments = defaultdict(list)
        self.schedules = defaultdict(list)
        self.days_off = set()
        self.calendar = {}
        self.official_years = set()
        calendar_last = max(last, calendar_to or last)
        for tag, site, day, until, text, start, end, number, pk, flag in _read(
            first, last, calendar_last, site_ids, user_ids
        ):
            if tag == "assignment":
                self.assignments[number].append(
                    Assignment(id=pk, user_id=number, site_id=site, start_date=day, end_date=until)
                )
            elif tag == "calendar":
                self.calendar[day] = text
            elif tag == "year":
                if not flag:
                    self.official_years.add(number)
            elif tag == "day_off":
                self.days_off.add((site, day))
            else:
                self.schedules[site].append(
                    SiteSchedule(
                        site_id=site,
                        valid_from=day,
                        weekdays=text,
                        start_time=start,
                        end_time=end,
                        grace_minutes=number,
                        follows_national_calendar=flag,
                    )
                )
        for rows in self.schedules.values():
            rows.sort(key=lambda s: s.valid_from, reverse=True)
        for rows in self.assignments.values():
            rows.sort(key=lambda a: (a.start_date, a.pk), reverse=True)

    def provisional_years(self, years):
        """Like ``holidays.provisional_years`` for years within the frame's calendar."""
        return sorted(set(years) - self.official_years)

    def schedule_on(self, site_id, day):
        for s in self.schedules.get(site_id, ()):
            if s.valid_from <= day:
                return s
        return DEFAULT_SCHEDULE

    def kind_of(self, day, site_id, schedule):
        if site_id is not None and (site_id, day) in self.days_off:
            return DayKind.CLIENT_OFF
        special = self.calendar.get(day)
        if special and schedule.follows_national_calendar:
            return CALENDAR_KINDS[special]
        return DayKind.WORKDAY if schedule.works_on_weekday(day) else DayKind.REST

    def rest_dates(self):
        """The dates that are a day off under some schedule (the default one included) or at
        some site: the only dates a check-in can be unapproved overtime on (a superset)."""
        working = DayKind.working()
        schedules = [DEFAULT_SCHEDULE, *(s for rows in self.schedules.values() for s in rows)]
        found, day = {d for _site, d in self.days_off}, self.first
        while day <= self.last:
            if any(
                self.kind_of(day, None, s) not in working
                for s in schedules
                if s.valid_from is None or s.valid_from <= day
            ):
                found.add(day)
            day += timedelta(days=1)
        return found
