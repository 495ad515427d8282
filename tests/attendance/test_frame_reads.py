"""The frame's one statement reads what each table holds for the dates and the people asked:
schedules and days off of their sites only (every site without people), the calendar up
to ``calendar_to``, which years are official, and their assignments, typed as the ORM
types them (on SQLite and on PostgreSQL)."""

from datetime import date, time

import pytest

from attendance.frame import Frame
from attendance.models import CalendarYear, HolidayCalendarDay, SiteDayOff, SiteSchedule
from onsite.models import Assignment, Site


@pytest.fixture
def facts(cast):
    elsewhere = Site.objects.create(name="别处", code="X9")
    SiteSchedule.objects.create(
        site=cast.site, valid_from=date(2026, 1, 1), weekdays="12345",
        start_time=time(9), end_time=time(18), grace_minutes=5,
    )  # fmt: skip
    SiteSchedule.objects.create(
        site=cast.site, valid_from=date(2026, 11, 16), weekdays="123456",
        start_time=time(8, 30), end_time=time(17, 30), grace_minutes=0,
        follows_national_calendar=False,
    )  # fmt: skip
    SiteSchedule.objects.create(
        site=elsewhere, valid_from=date(2026, 1, 1), start_time=time(10), end_time=time(19)
    )
    SiteSchedule.objects.create(  # not yet valid in November
        site=cast.site, valid_from=date(2026, 12, 5), start_time=time(7), end_time=time(16)
    )
    for site, day in ((cast.site, 20), (elsewhere, 21), (cast.site, 2)):
        SiteDayOff.objects.create(
            site=site, date=date(2026, 11, day) if day != 2 else date(2026, 12, 2)
        )
    HolidayCalendarDay.objects.update_or_create(
        date=date(2026, 11, 28), defaults={"kind": "makeup"}
    )
    HolidayCalendarDay.objects.update_or_create(date=date(2027, 1, 1), defaults={"kind": "holiday"})
    CalendarYear.objects.update_or_create(year=2026, defaults={"provisional": False})
    CalendarYear.objects.update_or_create(year=2027, defaults={"provisional": True})
    Assignment.objects.filter(user=cast.staff).delete()
    Assignment.objects.create(user=cast.staff, site=elsewhere, start_date=date(2026, 1, 1),
                              end_date=date(2026, 11, 9))  # fmt: skip
    current = Assignment.objects.create(
        user=cast.staff, site=cast.site, start_date=date(2026, 11, 10)
    )
    Assignment.objects.create(
        user=cast.staff, site=elsewhere, start_date=date(2026, 1, 1), end_date=date(2026, 10, 31)
    )  # fmt: skip - before the month
    return elsewhere, current


def _schedules(frame):
    return {
        site: [
            (
                s.valid_from,
                s.weekdays,
                s.start_time,
                s.end_time,
                s.grace_minutes,
                s.follows_national_calendar,
            )
            for s in rows
        ]  # fmt: skip
        for site, rows in frame.schedules.items()
    }


def test_a_frame_of_people_reads_their_sites_their_assignments_and_the_calendar(cast, facts):
    elsewhere, current = facts
    first, last = date(2026, 11, 1), date(2026, 11, 30)
    frame = Frame(first, last, calendar_to=date(2027, 1, 31), user_ids=[cast.staff.pk])
    assert _schedules(frame) == {
        cast.site.pk: [
            (date(2026, 11, 16), "123456", time(8, 30), time(17, 30), 0, False),
            (date(2026, 1, 1), "12345", time(9), time(18), 5, True),
        ],
        elsewhere.pk: [(date(2026, 1, 1), "12345", time(10), time(19), 5, True)],
    }
    assert frame.days_off == {
        (cast.site.pk, date(2026, 11, 20)),
        (elsewhere.pk, date(2026, 11, 21)),
    }
    assert frame.calendar[date(2026, 11, 28)] == "makeup"
    assert frame.calendar[date(2027, 1, 1)] == "holiday"  # read up to calendar_to
    assert frame.provisional_years([2026, 2027]) == [2027]
    got = [(a.pk, a.site_id, a.start_date, a.end_date) for a in frame.assignments[cast.staff.pk]]
    wanted = [
        (current.pk, cast.site.pk, date(2026, 11, 10), None),
        *[
            (a.pk, a.site_id, a.start_date, a.end_date)
            for a in Assignment.objects.filter(user=cast.staff, end_date=date(2026, 11, 9))
        ],
    ]
    assert got == wanted
    assert all(type(d) is date for _s, d in frame.days_off)


def test_a_frame_of_nobody_reads_every_site_and_no_assignment(cast, facts):
    elsewhere, _current = facts
    frame = Frame(date(2026, 11, 1), date(2026, 11, 30))
    assert set(frame.schedules) == {cast.site.pk, elsewhere.pk}
    assert not frame.assignments
    assert date(2027, 1, 1) not in frame.calendar


def test_a_frame_of_people_without_assignments_reads_no_site(cast, facts):
    frame = Frame(date(2026, 11, 1), date(2026, 11, 30), user_ids=[cast.outsider.pk])
    assert not frame.schedules and not frame.days_off and not frame.assignments
    frame = Frame(date(2026, 11, 1), date(2026, 11, 30), user_ids=[])
    assert not frame.schedules and frame.calendar[date(2026, 11, 28)] == "makeup"
