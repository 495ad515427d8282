"""The checklists per day and the missing reports remember each person's derived day between
requests (``attendance.memory``, through ``duties.expected.days_on``) and must never show a
stale one: after a write of any fact the day is derived from, at midnight, after a rolled-back
transaction, each page is the page derived from scratch. Runs on SQLite and PostgreSQL."""

import re
from datetime import date, time

import pytest
import time_machine
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from attendance import memory
from attendance.models import (
    AttendanceRecord,
    HolidayCalendarDay,
    LeaveRequest,
    SiteDayOff,
    SiteSchedule,
)
from duties.services import checklists as service
from onsite.models import Assignment
from tests.attendance.conftest import at, leave_type

pytestmark = pytest.mark.django_db

WEDNESDAY = date(2026, 3, 4)
NOW = "2026-03-04 10:00 +0800"
QUERY = f"?date={WEDNESDAY.isoformat()}"
CHECKLISTS = reverse("duties:checklist_overview") + QUERY
MISSING = reverse("duties:report_missing") + QUERY


@pytest.fixture
def template(cast):
    return service.save_checklist_template(cast.hr, cast.site, "清扫机房\n检查扩声")


def shown(client):
    """What the two pages show of the people's days (the rest of a page is made anew)."""
    checklists = client.get(CHECKLISTS).content.decode()
    missing = client.get(MISSING).content.decode()
    return (
        re.search(r'<p data-testid="checklist-summary">.*?</ul>', checklists, re.S).group(0),
        re.search(r'data-testid="missing-count">.*?</ul>', missing, re.S).group(0),
    )


def fresh(client):
    memory.forget()
    return shown(client)


def check_in(cast):
    return AttendanceRecord.objects.create(
        user=cast.staff, date=WEDNESDAY, site=cast.site, check_in_at=at(WEDNESDAY, 8, 50)
    )


def nothing(cast):
    return None


WRITES = [
    ("a check-in", nothing, lambda cast, _: check_in(cast)),
    (
        "a check-in moved",
        check_in,
        lambda cast, r: AttendanceRecord.objects.filter(pk=r.pk).update(
            check_in_at=at(WEDNESDAY, 9, 40)
        ),
    ),
    ("a check-in deleted", check_in, lambda cast, r: r.delete()),
    (
        "an approved leave",
        nothing,
        lambda cast, _: LeaveRequest.objects.create(
            user=cast.staff,
            leave_type=leave_type("ANNUAL"),
            start_date=WEDNESDAY,
            end_date=WEDNESDAY,
            days=1,
            reason="事",
            status="approved",
        ),
    ),
    (
        "an assignment ended",
        nothing,
        lambda cast, _: Assignment.objects.filter(user=cast.staff).update(
            end_date=date(2026, 3, 1)
        ),
    ),
    (
        "a client day off",
        nothing,
        lambda cast, _: SiteDayOff.objects.create(site=cast.site, date=WEDNESDAY),
    ),
    (
        "a national holiday",
        nothing,
        lambda cast, _: HolidayCalendarDay.objects.create(
            date=WEDNESDAY, kind="holiday", name="节"
        ),
    ),
    (
        "a schedule without Wednesdays",
        nothing,
        lambda cast, _: SiteSchedule.objects.create(
            site=cast.site,
            valid_from=date(2026, 3, 2),
            weekdays="1245",
            start_time=time(8, 0),
            end_time=time(17, 0),
            grace_minutes=0,
        ),
    ),
]


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(("before", "write"), [w[1:] for w in WRITES], ids=[w[0] for w in WRITES])
def test_the_day_pages_show_every_write_of_a_fact_at_once(cast, template, login, before, write):
    client = login(cast.supervisor)
    made = before(cast)
    first = shown(client)
    assert shown(client) == first  # remembered: the same
    write(cast, made)
    after = shown(client)
    assert after == fresh(client)
    assert after != first  # every write above changes what the pages show


@time_machine.travel(NOW, tick=False)
def test_a_day_is_remembered_while_nothing_changes(cast, template, login):
    client = login(cast.supervisor)
    with CaptureQueriesContext(connection) as cold:
        first = shown(client)
    with CaptureQueriesContext(connection) as warm:
        again = shown(client)
    assert again == first
    assert len(warm) < len(cold)  # the day's facts are not read again
    check_in(cast)
    with CaptureQueriesContext(connection) as after:
        assert shown(client) != first
    assert len(after) == len(cold)


def test_a_remembered_day_turns_at_midnight(cast, template, login):
    client = login(cast.supervisor)
    with time_machine.travel("2026-03-04 23:59 +0800", tick=False):
        before = shown(client)
    with time_machine.travel("2026-03-05 00:01 +0800", tick=False):
        after = shown(client)
        assert after != before  # not checked in: the day, over, is now an absence
        assert after == fresh(client)


@time_machine.travel(NOW, tick=False)
def test_a_rolled_back_write_leaves_no_stale_day(cast, template, login):
    client = login(cast.supervisor)
    first = shown(client)
    with pytest.raises(RuntimeError), transaction.atomic():
        check_in(cast)
        assert shown(client) != first
        raise RuntimeError
    assert shown(client) == first == fresh(client)
