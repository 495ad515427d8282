"""The national holiday calendar: seeded from the chinese-calendar package, editable by HR.

The package lists, per year with a State Council notice, every day off of a holiday
period and every make-up working day (调休上班). It does not say which days off are the
statutory holidays themselves (paid 300%) and which are rest days moved into the period
(paid 200%). ``statutory_days`` decides that from the law's list of statutory days:
fixed dates for New Year, Labour Day and National Day; the 清明 solar term for
Tomb-sweeping Day; for the lunar festivals the first working days of the period that
are not "in lieu" days. HR checks and corrects the result on the calendar page.
"""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from attendance.choices import CalendarKind, CalendarSource

# Statutory days per festival (State Council decree, amended 2024, in force 2025).
_STATUTORY_COUNT = {
    "Spring Festival": lambda year: 4 if year >= 2025 else 3,
    "Dragon Boat Festival": lambda year: 1,
    "Mid-autumn Festival": lambda year: 1,
}
_FIXED = {
    "New Year's Day": lambda year: [(1, 1)],
    "Labour Day": lambda year: [(5, 1), (5, 2)] if year >= 2025 else [(5, 1)],
    "National Day": lambda year: [(10, 1), (10, 2), (10, 3)],
}


def official_years():
    """Years the installed package has official data for."""
    from chinese_calendar import constants

    return sorted({day.year for day in constants.holidays} | {d.year for d in constants.workdays})


def _qingming(year):
    import chinese_calendar

    for day, name in chinese_calendar.get_solar_terms(date(year, 4, 1), date(year, 4, 10)):
        if "清明" in str(name) or "Pure Brightness" in str(name):
            return day
    return None


def statutory_days(year):
    """The dates of ``year`` that are statutory holidays (a subset of the package's days off)."""
    from chinese_calendar import constants

    days_off = {d: n for d, n in constants.holidays.items() if d.year == year}
    in_lieu = set(constants.in_lieu_days)
    statutory = set()
    by_name = {}
    for day, name in sorted(days_off.items()):
        by_name.setdefault(str(name), []).append(day)
    for name, days in by_name.items():
        if name in _FIXED:
            statutory |= {date(year, m, d) for m, d in _FIXED[name](year)} & set(days)
        elif name == "Tomb-sweeping Day":
            qingming = _qingming(year)
            statutory |= {qingming} if qingming in days else set(days[:1])
        elif name in _STATUTORY_COUNT:
            count = _STATUTORY_COUNT[name](year)
            candidates = [d for d in days if d not in in_lieu and d.isoweekday() <= 5]
            statutory |= set(candidates[:count])
    return statutory


def package_days(year):
    """{date: (kind, name)} of one year from the package."""
    from chinese_calendar import constants

    statutory = statutory_days(year)
    days = {}
    for day, name in constants.holidays.items():
        if day.year == year:
            kind = CalendarKind.HOLIDAY if day in statutory else CalendarKind.BREAK
            days[day] = (kind, _chinese_name(name))
    for day, name in constants.workdays.items():
        if day.year == year:
            days[day] = (CalendarKind.MAKEUP, _chinese_name(name))
    return days


def _chinese_name(holiday):
    from chinese_calendar import Holiday

    names = {
        Holiday.new_years_day.value: "元旦",
        Holiday.spring_festival.value: "春节",
        Holiday.tomb_sweeping_day.value: "清明节",
        Holiday.labour_day.value: "劳动节",
        Holiday.dragon_boat_festival.value: "端午节",
        Holiday.national_day.value: "国庆节",
        Holiday.mid_autumn_festival.value: "中秋节",
    }
    return names.get(str(holiday), str(holiday) if holiday else "")


@transaction.atomic
def seed_year(year, *, calendar_day_model=None, calendar_year_model=None, now=None):
    """Write one year's package data; rows HR entered are kept. Returns rows written.

    A year the package has no data for is recorded as provisional.
    The model arguments let a data migration pass its historical models.
    """
    from attendance import models

    Day = calendar_day_model or models.HolidayCalendarDay
    Year = calendar_year_model or models.CalendarYear
    days = package_days(year) if year in official_years() else {}
    hr_dates = set(
        Day.objects.filter(date__year=year, source=CalendarSource.HR).values_list("date", flat=True)
    )
    Day.objects.filter(date__year=year, source=CalendarSource.PACKAGE).delete()
    Day.objects.bulk_create(
        [
            Day(date=day, kind=kind, name=name, source=CalendarSource.PACKAGE)
            for day, (kind, name) in sorted(days.items())
            if day not in hr_dates
        ]
    )
    Year.objects.update_or_create(
        year=year,
        defaults={"provisional": not days, "seeded_at": now or timezone.now()},
    )
    return len(days)


def calendar_between(first, last):
    """{date: kind} of the special dates between two dates (one query)."""
    from attendance.models import HolidayCalendarDay

    return dict(
        HolidayCalendarDay.objects.filter(date__gte=first, date__lte=last).values_list(
            "date", "kind"
        )
    )


def provisional_years(years):
    """The years among ``years`` whose calendar is not official (missing or provisional)."""
    from attendance.models import CalendarYear

    official = set(
        CalendarYear.objects.filter(year__in=list(years), provisional=False).values_list(
            "year", flat=True
        )
    )
    return sorted(set(years) - official)


def calendar_warning(today=None):
    """This or next year without official holiday data, once next year is near."""
    from attendance.conf import conf

    today = today or timezone.localdate()
    return [
        year
        for year in provisional_years([today.year, today.year + 1])
        if year == today.year or (date(year, 1, 1) - today).days <= conf.PROVISIONAL_WARNING_DAYS
    ]


def month_range(year, month):
    first = date(year, month, 1)
    last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    return first, last


def _is_working(day, special):
    kind = special.get(day)
    if kind == CalendarKind.MAKEUP:
        return True
    if kind in (CalendarKind.HOLIDAY, CalendarKind.BREAK):
        return False
    return day.isoweekday() <= 5


def working_days_after(start, end, special=None):
    """How many national working days fall after ``start`` up to ``end`` (included).

    ``special``: the calendar of the span if the caller has it (else one query).
    """
    if end <= start:
        return 0
    special = calendar_between(start, end) if special is None else special
    count, day = 0, start + timedelta(days=1)
    while day <= end:
        count += _is_working(day, special)
        day += timedelta(days=1)
    return count


def nth_working_day_after(start, n):
    """The ``n``-th national working day after ``start`` (one query)."""
    window = start + timedelta(days=n * 2 + 30)
    special = calendar_between(start, window)
    day, count = start, 0
    while count < n:
        day += timedelta(days=1)
        count += _is_working(day, special) if day <= window else day.isoweekday() <= 5
    return day
