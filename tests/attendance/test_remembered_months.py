"""The team grid and the monthly summary remember each person's derived month between
requests (``attendance.memory``) and must never show a stale figure: after any write of a
fact the month is derived from (each table, each kind of write, the ORM or a bulk update), at
midnight, in another language, after a rolled-back transaction, the page is the page derived
from scratch. Runs on SQLite and on PostgreSQL (each has its own triggers)."""

import re
from datetime import date, time

import pytest
import time_machine
from django.db import connection, transaction
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from attendance import memory
from attendance.choices import Compensation, OvertimeKind, OvertimeStatus
from attendance.models import (
    AttendanceRecord,
    CalendarYear,
    FactStamp,
    HolidayCalendarDay,
    LeaveRequest,
    LeaveType,
    OvertimeRequest,
    PunchCorrection,
    SiteDayOff,
    SiteSchedule,
)
from attendance.models.stamps import SITE_FACTS
from onsite.models import Assignment
from tests.attendance.conftest import at, leave_type
from tests.conftest import is_postgres

NOW = "2026-11-20 10:00 +0800"
GRID = reverse("attendance:team") + "?month=2026-11"
SUMMARY = reverse("attendance:summary") + "?month=2026-11"
UNAPPROVED = reverse("attendance:unapproved") + "?month=2026-11"
SATURDAY = date(2026, 11, 14)


def table(page):
    """The page's table body (what the memory makes; the rest of a page is made anew)."""
    return re.search(r"<tbody.*?</tbody>", page.content.decode(), re.S).group(0)


def pages(cast, login):
    """(team grid and unapproved overtime of the supervisor, summary of HR): the pages that
    remember months."""
    supervisor = login(cast.supervisor)
    grid = table(supervisor.get(GRID))
    unapproved = table(supervisor.get(UNAPPROVED))
    summary = table(login(cast.hr).get(SUMMARY))
    return grid, summary, unapproved


def fresh_pages(cast, login):
    memory.forget()
    return pages(cast, login)


def record(cast, day=date(2026, 11, 3), check_in=(9, 30), check_out=(18, 0), user=None):
    return AttendanceRecord.objects.create(
        user=user or cast.staff,
        date=day,
        site=cast.site,
        check_in_at=at(day, *check_in),
        check_out_at=at(day, *check_out) if check_out else None,
    )


def leave(cast, status="approved", code="ANNUAL"):
    return LeaveRequest.objects.create(
        user=cast.staff,
        leave_type=leave_type(code),
        start_date=date(2026, 11, 5),
        end_date=date(2026, 11, 6),
        days=2,
        reason="事",
        status=status,
    )


def overtime(cast, actual=270):
    return OvertimeRequest.objects.create(
        user=cast.staff,
        site=cast.site,
        date=date(2026, 11, 14),
        start_time=time(9),
        end_time=time(13),
        planned_minutes=240,
        actual_minutes=actual,
        kind=OvertimeKind.REST_DAY,
        compensation=Compensation.LEAVE,
        reason="保障",
        status=OvertimeStatus.FILED,
    )


def correction(cast, status="approved"):
    return PunchCorrection.objects.create(
        user=cast.staff,
        date=date(2026, 11, 9),
        kind="check_in",
        time=time(8, 55),
        reason="忘",
        status=status,
    )


def nothing(cast):
    return None


def _update(instance, **changes):
    for name, value in changes.items():
        setattr(instance, name, value)
    instance.save()


# (name, what is there before the pages are first seen, the write after)
WRITES = [
    (
        "a rest-day check-in",
        nothing,
        lambda cast, _: record(cast, day=SATURDAY, check_in=(9, 0), check_out=(13, 0)),
    ),
    (
        "a rest-day check-out moved",
        lambda cast: record(cast, day=SATURDAY, check_in=(9, 0), check_out=(13, 0)),
        lambda cast, r: _update(r, check_out_at=at(SATURDAY, 15, 30)),
    ),
    (
        "a rest day's overtime approved",
        lambda cast: record(cast, day=SATURDAY, check_in=(9, 0), check_out=(13, 0)),
        lambda cast, _: OvertimeRequest.objects.create(
            user=cast.staff,
            site=cast.site,
            date=SATURDAY,
            start_time=time(9),
            end_time=time(13),
            planned_minutes=240,
            kind=OvertimeKind.REST_DAY,
            compensation=Compensation.PAY,
            reason="保障",
            status=OvertimeStatus.FILED,
        ),
    ),
    ("a check-in", nothing, lambda cast, _: record(cast)),
    (
        "a check-out",
        lambda cast: record(cast, check_out=None),
        lambda cast, r: _update(r, check_out_at=at(r.date, 17, 0)),
    ),
    ("a deleted check-in", record, lambda cast, r: r.delete()),
    (
        "a bulk update of check-ins",
        record,
        lambda cast, r: AttendanceRecord.objects.filter(pk=r.pk).update(
            check_in_at=at(r.date, 8, 0)
        ),
    ),
    (
        "a check-in moved to another person",
        record,
        lambda cast, r: AttendanceRecord.objects.filter(pk=r.pk).update(user=cast.supervisor),
    ),
    ("an approved correction", nothing, lambda cast, _: correction(cast)),
    (
        "a correction approved",
        lambda cast: correction(cast, "submitted"),
        lambda cast, c: _update(c, status="approved"),
    ),
    ("an approved leave", nothing, lambda cast, _: leave(cast)),
    ("a leave cancelled", leave, lambda cast, lr: _update(lr, status="cancelled")),
    ("a leave deleted", leave, lambda cast, lr: lr.delete()),
    ("a compensatory leave taken", overtime, lambda cast, _: leave(cast, code="COMP")),
    ("filed overtime", nothing, lambda cast, _: overtime(cast)),
    ("overtime hours confirmed anew", overtime, lambda cast, ot: _update(ot, actual_minutes=60)),
    (
        "an assignment ended",
        nothing,
        lambda cast, _: Assignment.objects.filter(user=cast.staff).update(
            end_date=date(2026, 11, 10)
        ),
    ),
    (
        "an assignment deleted",
        nothing,
        lambda cast, _: Assignment.objects.filter(user=cast.staff).delete(),
    ),
    (
        "a schedule's hours changed",
        record,
        lambda cast, _: SiteSchedule.objects.filter(site=cast.site).update(start_time=time(10, 0)),
    ),
    (
        "a new schedule",
        record,
        lambda cast, _: SiteSchedule.objects.create(
            site=cast.site,
            valid_from=date(2026, 11, 10),
            weekdays="123456",
            start_time=time(8, 0),
            end_time=time(17, 0),
            grace_minutes=0,
        ),
    ),
    (
        "a client day off",
        nothing,
        lambda cast, _: SiteDayOff.objects.create(site=cast.site, date=date(2026, 11, 11)),
    ),
    (
        "a national holiday",
        nothing,
        lambda cast, _: HolidayCalendarDay.objects.create(
            date=date(2026, 11, 12), kind="holiday", name="节"
        ),
    ),
    (
        "a holiday removed",
        lambda cast: HolidayCalendarDay.objects.create(
            date=date(2026, 11, 12), kind="holiday", name="节"
        ),
        lambda cast, day: day.delete(),
    ),
    ("a new leave type", leave, lambda cast, _: LeaveType.objects.create(code="AAA", name="甲假")),
    (
        "a leave type no longer compensatory",
        lambda cast: (overtime(cast), leave(cast, code="COMP")),
        lambda cast, _: LeaveType.objects.filter(code="COMP").update(is_compensatory=False),
    ),
]


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(("before", "write"), [w[1:] for w in WRITES], ids=[w[0] for w in WRITES])
def test_the_month_pages_show_every_write_of_a_fact_at_once(cast, schedule, login, before, write):
    made = before(cast)
    first = pages(cast, login)
    assert pages(cast, login) == first  # remembered: the same page
    write(cast, made)
    after = pages(cast, login)
    assert after == fresh_pages(cast, login)
    assert after != first  # every write above changes what one of the two pages shows


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_a_month_is_remembered_while_nothing_changes(cast, schedule, login):
    record(cast)
    client = login(cast.hr)
    with CaptureQueriesContext(connection) as cold:
        first = table(client.get(SUMMARY))
    with CaptureQueriesContext(connection) as warm:
        again = table(client.get(SUMMARY))
    assert again == first
    # The month's facts are not read again (schedules, check-ins, leave, corrections,
    # overtime, balances); the calendar year is asked alone for the provisional warning.
    assert len(warm) == len(cold) - 5
    record(cast, day=date(2026, 11, 4))  # a write: read again
    with CaptureQueriesContext(connection) as after:
        client.get(SUMMARY)
    assert len(after) == len(cold)


@pytest.mark.django_db
def test_a_remembered_month_turns_at_midnight(cast, schedule, login):
    with time_machine.travel("2026-11-20 23:59 +0800", tick=False):
        before = pages(cast, login)
    with time_machine.travel("2026-11-21 00:01 +0800", tick=False):
        after = pages(cast, login)
        assert after != before  # the 20th, not checked in, is now absent
        assert after == fresh_pages(cast, login)


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_a_remembered_grid_follows_the_language(cast, schedule, login):
    from django.conf import settings
    from django.utils import translation

    from attendance.choices import DayKind

    record(cast)
    client = login(cast.supervisor)
    chinese = table(client.get(GRID))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = table(client.get(GRID))
    with translation.override("en"):
        workday = str(DayKind.WORKDAY.label)
    with translation.override("zh-hans"):
        chinese_workday = str(DayKind.WORKDAY.label)
    assert workday in english and workday not in chinese and chinese_workday in chinese
    assert english == table(client.get(GRID))


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_a_rolled_back_write_leaves_no_stale_month(cast, schedule, login):
    first = pages(cast, login)
    with pytest.raises(RuntimeError), transaction.atomic():
        record(cast)
        inside = pages(cast, login)  # remembered under the write's stamp
        assert inside != first
        raise RuntimeError
    assert pages(cast, login) == first == fresh_pages(cast, login)


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_a_person_without_a_stamp_is_derived_on_every_request(cast, schedule, login):
    record(cast)
    FactStamp.objects.all().delete()
    client = login(cast.hr)
    with CaptureQueriesContext(connection) as cold:
        first = table(client.get(SUMMARY))
    with CaptureQueriesContext(connection) as again:
        assert table(client.get(SUMMARY)) == first
    assert len(again) == len(cold)


def stamp(person_id):
    return FactStamp.objects.filter(person_id=person_id).values_list("stamp", flat=True).first()


# Each fact table: (make a row of the staff member, or of every site).
PERSON_FACTS = {
    "check-in": record,
    "correction": correction,
    "leave": leave,
    "overtime": overtime,
    "assignment": lambda cast: Assignment.objects.create(
        user=cast.staff, site=cast.site, start_date=date(2027, 1, 1)
    ),
}
SITE_FACT_ROWS = {
    "schedule": lambda cast: SiteSchedule.objects.create(
        site=cast.site,
        valid_from=date(2027, 1, 1),
        weekdays="12345",
        start_time=time(9),
        end_time=time(18),
    ),
    "day off": lambda cast: SiteDayOff.objects.create(site=cast.site, date=date(2027, 1, 4)),
    "calendar day": lambda cast: HolidayCalendarDay.objects.create(
        date=date(2030, 1, 1), kind="holiday"
    ),
    "calendar year": lambda cast: CalendarYear.objects.create(year=2031),
    "leave type": lambda cast: LeaveType.objects.create(code="NEWTYPE", name="新假"),
}


def _changes(cast, make, whose):
    """Each write of a row (insert, save, bulk update, delete): whether ``whose`` stamp
    changed, and whether the other person's (or the sites') did."""
    other = SITE_FACTS if whose != SITE_FACTS else cast.outsider.pk
    seen = []

    def step(write):
        mine, theirs = stamp(whose), stamp(other)
        write()
        seen.append((stamp(whose) != mine, stamp(other) != theirs))

    made = []
    step(lambda: made.append(make(cast)))
    row = made[0]
    step(lambda: row.save())
    step(lambda: type(row).objects.filter(pk=row.pk).update(id=F("id")))
    step(lambda: row.delete())
    return seen


@pytest.mark.django_db
@pytest.mark.parametrize("fact", PERSON_FACTS, ids=list(PERSON_FACTS))
def test_every_write_of_a_persons_fact_changes_their_stamp_only(cast, fact):
    seen = _changes(cast, PERSON_FACTS[fact], cast.staff.pk)
    assert seen == [(True, False)] * 4


@pytest.mark.django_db
@pytest.mark.parametrize("fact", SITE_FACT_ROWS, ids=list(SITE_FACT_ROWS))
def test_every_write_of_a_sites_fact_changes_the_sites_stamp(cast, fact):
    seen = _changes(cast, SITE_FACT_ROWS[fact], SITE_FACTS)
    assert seen == [(True, False)] * 4


@pytest.mark.django_db
def test_moving_a_fact_to_another_person_changes_both_stamps(cast):
    row = record(cast)
    before = stamp(cast.staff.pk), stamp(cast.supervisor.pk)
    AttendanceRecord.objects.filter(pk=row.pk).update(user=cast.supervisor)
    after = stamp(cast.staff.pk), stamp(cast.supervisor.pk)
    assert after[0] != before[0] and after[1] != before[1]


def test_only_the_people_not_remembered_are_derived_and_the_memory_is_bounded(monkeypatch):
    from types import SimpleNamespace

    monkeypatch.setattr(memory, "LIMIT", 4)
    people = [SimpleNamespace(pk=n, facts_stamp=n * 7, sites_stamp=1) for n in range(1, 4)]
    asked = []

    def make(missing):
        asked.append([p.pk for p in missing])
        return [f"month of {p.pk}" for p in missing]

    assert memory.remembered("x", people, 2026, 11, make) == [f"month of {n}" for n in (1, 2, 3)]
    people[1].facts_stamp = 99  # person 2 wrote a fact
    assert memory.remembered("x", people, 2026, 11, make)[1] == "month of 2"
    assert asked == [[1, 2, 3], [2]]
    # A fifth month would pass the limit: everything is forgotten, then the new one kept.
    memory.remembered("x", [SimpleNamespace(pk=5, facts_stamp=1, sites_stamp=1)], 2026, 11, make)
    memory.remembered("x", people, 2026, 11, make)
    assert asked[-1] == [1, 2, 3]


@pytest.mark.postgres
@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_a_truncated_fact_table_forgets_every_stamp(cast, schedule, login):
    """PostgreSQL's TRUNCATE fires no row trigger: it forgets every stamp instead."""
    if not is_postgres():
        pytest.skip("TRUNCATE is PostgreSQL's (SQLite's DELETE fires the row triggers)")
    SiteDayOff.objects.create(site=cast.site, date=date(2026, 11, 11))
    first = pages(cast, login)
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the test's writes checked first
        cursor.execute(f'TRUNCATE "{SiteDayOff._meta.db_table}"')
    assert not FactStamp.objects.exists()
    after = pages(cast, login)
    assert after != first and after == fresh_pages(cast, login)


@pytest.mark.django_db
def test_every_fact_table_has_its_stamp_triggers_after_all_migrations():
    """A later migration that remakes a fact table (SQLite rebuilds a table for most
    alterations, dropping its triggers) must create them again: this fails until it does."""
    import importlib

    stamps = importlib.import_module("attendance.migrations.0008_fact_stamps")
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute(
                "SELECT c.relname, t.tgname FROM pg_trigger t "
                "JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal"
            )
        found = set(cursor.fetchall())
    tables = [table for table, _column in stamps.FACTS]
    if connection.vendor == "sqlite":
        wanted = {(t, f"{t}_stamp_{op.lower()}") for t in tables for op in stamps.OPERATIONS}
        wanted.add((stamps.PEOPLE, f"{stamps.PEOPLE}_stamp_insert"))
    else:
        wanted = {(t, f"{t}_stamp") for t in [*tables, stamps.PEOPLE]}
        wanted |= {(t, f"{t}_truncated") for t in tables}
    assert wanted <= found, sorted(wanted - found)


@pytest.mark.django_db
def test_a_migration_can_make_the_triggers_again_and_renew_every_stamp(cast):
    """What a later migration altering a fact table runs after (``ensure`` of 0008)."""
    import importlib
    from types import SimpleNamespace

    stamps = importlib.import_module("attendance.migrations.0008_fact_stamps")
    table = AttendanceRecord._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f'DROP TRIGGER "{table}_stamp_insert"')
        else:
            cursor.execute(f'DROP TRIGGER "{table}_stamp" ON "{table}"')
    before = stamp(cast.staff.pk)
    record(cast)
    assert stamp(cast.staff.pk) == before  # the trigger is gone

    def execute(sql, params=None):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)

    stamps.ensure(None, SimpleNamespace(connection=connection, execute=execute))
    renewed = stamp(cast.staff.pk)
    assert renewed != before and stamp(cast.outsider.pk) is not None
    record(cast, day=date(2026, 11, 4))
    assert stamp(cast.staff.pk) != renewed  # the trigger is back


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_remembered_unapproved_days_follow_the_language_and_each_write(cast, schedule, login):
    from django.conf import settings

    record(cast, day=SATURDAY, check_in=(9, 0), check_out=(13, 0))
    client = login(cast.supervisor)
    chinese = table(client.get(UNAPPROVED))
    assert "2026-11-14" in chinese and "09:00–13:00" in chinese
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = table(client.get(UNAPPROVED))
    assert english != chinese and english == table(client.get(UNAPPROVED))
    AttendanceRecord.objects.filter(date=SATURDAY).update(check_out_at=at(SATURDAY, 15, 30))
    assert "09:00–15:30" in table(client.get(UNAPPROVED))
