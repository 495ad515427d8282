"""What everyone's days between two dates are judged against, read in ONE query: the
client sites' schedules, their days off, the national holiday calendar and which of its
years are official (and, for a ``Period``, its people's assignments).

Five small tables answer every day of every person; a page that derives days (today, a
month, a team grid, a summary) reads them once, as the rows of one ``UNION ALL``.
"""

from collections import defaultdict
from datetime import time, timedelta

from django.db import connection
from django.db.models import Q

from attendance.choices import CalendarKind, DayKind
from attendance.models import CalendarYear, HolidayCalendarDay, SiteDayOff, SiteSchedule
from onsite.models import Assignment
from onsite.reading import Reader, placeholders

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


def assignments_between(user_ids, first, last):
    """The assignments of ``user_ids`` that touch the dates from ``first`` to ``last``."""
    return Assignment.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=first),
        user_id__in=user_ids,
        start_date__lte=last,
    )


def _select(model, columns, where):
    """``SELECT columns FROM model's table WHERE where``; a column or condition names a field
    as ``{field}`` (quoted from the model), the rest is SQL of this module."""
    meta, quote = model._meta, connection.ops.quote_name
    names = {f.name: quote(f.column) for f in meta.concrete_fields}
    names.update({f.attname: quote(f.column) for f in meta.concrete_fields})
    listed = ", ".join(column.format(**names) for column in columns)
    return f"SELECT {listed} FROM {quote(meta.db_table)} WHERE {where.format(**names)}"  # noqa: S608


def _sql_parts(first, last, calendar_last, user_ids, vendor):
    """(SQL, params) of the union's parts; ``user_ids``: read their assignments and only
    their sites. Every name comes from the models; every value is a parameter."""
    false = "0" if vendor == "sqlite" else "FALSE"
    date, time, number = "CAST(NULL AS date)", "CAST(NULL AS time)", "CAST(NULL AS bigint)"
    between = "{date} >= %s AND {date} <= %s"
    parts = [
        (
            _select(
                HolidayCalendarDay,
                ["'calendar'", number, "{date}", date, "{kind}", time, time, "0", "0", false],
                between,
            ),
            [_day(first), _day(calendar_last)],
        ),
        (
            _select(
                CalendarYear,
                ["'year'", number, date, date, "''", time, time, "{year}", "0", "{provisional}"],
                "{year} >= %s AND {year} <= %s",
            ),
            [first.year, calendar_last.year],
        ),
    ]
    only, site_params = "", []
    if user_ids is not None:
        where = (
            "({end_date} IS NULL OR {end_date} >= %s) AND "
            f"{{user_id}} IN ({placeholders(user_ids)}) AND {{start_date}} <= %s"
        )
        params = [_day(first), *user_ids, _day(last)]
        columns = ["'assignment'", "{site_id}", "{start_date}", "{end_date}", "''", time, time]
        parts.append((_select(Assignment, [*columns, "{user_id}", "{id}", false], where), params))
        assigned = _select(Assignment, ["{site_id}"], where)  # SQL now: its braces kept
        only = " AND {site_id} IN (" + assigned.replace("{", "{{").replace("}", "}}") + ")"
        site_params = params
    schedule = ["'schedule'", "{site_id}", "{valid_from}", date, "{weekdays}", "{start_time}"]
    schedule += ["{end_time}", "{grace_minutes}", "0", "{follows_national_calendar}"]
    parts.append(
        (_select(SiteSchedule, schedule, "{valid_from} <= %s" + only), [_day(last), *site_params])
    )
    day_off = ["'day_off'", "{site_id}", "{date}", date, "''", time, time, "0", "0", false]
    parts.append(
        (
            _select(SiteDayOff, day_off, between + only),
            [_day(first), _day(last), *site_params],
        )
    )
    return parts


def _day(value):
    return SiteSchedule._meta.get_field("valid_from").get_db_prep_value(value, connection)


# The union's dates, times and flags come back as the ORM would give them (SQLite's text
# and integers converted by the same converters): one field of each kind lends its own.
_CONVERTED = Reader(
    SiteSchedule,
    ("valid_from", "valid_from", "start_time", "end_time", "follows_national_calendar"),
)
_COLUMN_OF = (2, 3, 5, 6, 9)  # the union's columns those five fields stand for


def _read(first, last, calendar_last, user_ids):
    """The union's rows (``_COLUMNS``), converted; one statement (``onsite.reading``: an
    ORM union of five querysets cost 2–3 ms to build and compile on every month page)."""
    parts = _sql_parts(first, last, calendar_last, user_ids, connection.vendor)
    sql = " UNION ALL ".join(part for part, _params in parts)
    params = [value for _part, values in parts for value in values]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return _CONVERTED.convert(rows, _COLUMN_OF)


class Frame:
    """The schedules, client days off and national calendar between two dates (one query;
    all sites, or only the sites of ``user_ids``). One frame serves several ``Period`` objects of
    the same dates. ``calendar_to``: read the calendar further, up to that date.
    ``user_ids``: read those people's assignments too (``assignments``, latest first) and
    only their sites."""

    def __init__(self, first, last, *, calendar_to=None, user_ids=None):
        self.first, self.last = first, last
        self.assignments = defaultdict(list)
        self.schedules = defaultdict(list)
        self.days_off = set()
        self.calendar = {}
        self.official_years = set()
        calendar_last = max(last, calendar_to or last)
        for tag, site, day, until, text, start, end, number, pk, flag in _read(
            first, last, calendar_last, user_ids
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
