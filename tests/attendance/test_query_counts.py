"""Every list and queue page runs the same number of SQL queries for 5 rows as for 50, and
every daily attendance page at most its pinned number (within the target of 15 a page, of
which the core's per-request work takes at most 3) for a small and a 10× larger company."""

from datetime import date, time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from attendance import memory
from attendance.choices import OvertimeKind, OvertimeStatus
from attendance.models import AttendanceExport, LeaveAllowance, LeaveRequest, OvertimeRequest
from onsite.choices import Role
from tests.attendance.conftest import at, leave_type
from tests.factories import AssignmentFactory, UserFactory


def _leave_day(person, leave_type, day, approved=False):
    """One day of leave, approved or waiting for a decision."""
    status = {"status": "approved"} if approved else {}
    LeaveRequest.objects.create(
        user=person,
        leave_type=leave_type,
        start_date=day,
        end_date=day,
        days=1,
        reason="事",
        **status,
    )


def add_people(cast, count, start=0):
    annual = leave_type("ANNUAL")
    for n in range(start, start + count):
        person = UserFactory(roles=[Role.STAFF], department=cast.dept_a)
        AssignmentFactory(user=person, site=cast.site)
        for status in (OvertimeStatus.SUBMITTED, OvertimeStatus.SUPERVISOR_APPROVED):
            OvertimeRequest.objects.create(
                user=person,
                site=cast.site,
                date=date(2026, 11, 14),
                start_time=time(9 if status == OvertimeStatus.SUBMITTED else 14),
                end_time=time(12 if status == OvertimeStatus.SUBMITTED else 17),
                planned_minutes=180,
                kind=OvertimeKind.REST_DAY,
                reason=f"保障 {n}",
                status=status,
                supervisor_by=cast.supervisor if status != OvertimeStatus.SUBMITTED else None,
            )
        _leave_day(person, annual, date(2026, 11, 2), approved=True)
        _leave_day(person, annual, date(2026, 12, 2))
        person.attendance.create(
            date=date(2026, 11, 15),
            site=cast.site,
            check_in_at=at(date(2026, 11, 15), 9),
            check_out_at=at(date(2026, 11, 15), 12),
        )
        LeaveAllowance.objects.create(user=person, leave_type=annual, year=2026, days=10)
        AttendanceExport.objects.create(
            requested_by=cast.hr, scope="company", year=2026, month=11, format="pdf"
        )


def count_queries(client, url):
    """The page's queries when it derives every month anew (a month page remembers its
    people's months between requests: ``test_remembered_months``)."""
    memory.forget()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    client.last_content = response.content.decode()
    return len(queries)


PAGES = [
    ("supervisor", "attendance:queue", ""),
    ("hr", "attendance:queue", ""),
    ("supervisor", "attendance:team", "?month=2026-11"),
    ("supervisor", "attendance:unapproved", "?month=2026-11"),
    ("hr", "attendance:summary", "?month=2026-11"),
    ("hr", "attendance:request_list", "?month=2026-11"),
    ("supervisor", "attendance:request_list", "?month=2026-11&kind=leave"),
    ("hr", "attendance:exports", ""),
    ("hr", "attendance:leave_types", ""),
    ("hr", "attendance:leave_allowances", "?year=2026"),
    ("hr", "attendance:calendar", "?year=2026"),
    ("staff", "attendance:my_month", "?month=2026-11"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "name", "query"), PAGES)
def test_the_page_does_not_query_per_row(cast, schedule, login, role, name, query):
    client = login(getattr(cast, role))
    url = reverse(name) + query
    add_people(cast, 5)
    client.get(url)  # warm caches (content types, sessions)
    few = count_queries(client, url)
    add_people(cast, 45, start=5)
    many = count_queries(client, url)
    assert few == many, (name, few, many)
    if name == "attendance:queue":  # a page of each section, the next one a link away
        assert "保障 0" in client.last_content and "保障 49" not in client.last_content
        assert 'data-testid="section-pages"' in client.last_content


@pytest.mark.django_db
def test_my_requests_does_not_query_per_request(cast, schedule, login):
    client = login(cast.staff)
    url = reverse("attendance:my_requests")

    def add(count):
        for n in range(count):
            OvertimeRequest.objects.create(
                user=cast.staff,
                site=cast.site,
                date=date(2026, 11, 14),
                start_time=time(9),
                end_time=time(12),
                planned_minutes=180,
                kind=OvertimeKind.REST_DAY,
                reason=f"保障 {n}",
                status=OvertimeStatus.FILED,
                supervisor_by=cast.supervisor,
                hr_by=cast.hr,
            )

    add(5)
    client.get(url)
    few = count_queries(client, url)
    add(45)
    assert count_queries(client, url) == few


# --- Daily pages at two sizes ------------------------------------------------------------
# The target: at most 15 queries a page, the core's per-request work (session, person,
# grants, unread count) at most 3 of them; so a page's own queries at most 12. Each page is
# pinned at what it needs now: a change that makes it read more fails here.
OWN_QUERIES_TARGET = 15 - 3
DAILY_PAGES = {
    # name: (role, url name, query, own queries)
    "today": ("staff", "attendance:today", "", 6),
    "my month": ("staff", "attendance:my_month", "?month=2026-11", 7),
    "my requests": ("staff", "attendance:my_requests", "", 7),
    "queue (supervisor)": ("supervisor", "attendance:queue", "", 9),
    "queue (HR)": ("hr", "attendance:queue", "", 10),
    "team grid": ("supervisor", "attendance:team", "?month=2026-11", 10),
    "team grid (company)": ("hr", "attendance:team", "?month=2026-11", 9),
    "unapproved overtime": ("supervisor", "attendance:unapproved", "?month=2026-11", 10),
    "unapproved overtime (company)": ("hr", "attendance:unapproved", "?month=2026-11", 9),
    "summary (company)": ("hr", "attendance:summary", "?month=2026-11", 12),
    "summary (department)": ("hr", "attendance:summary", "?month=2026-11&department=", 12),
    "all requests: overtime": ("supervisor", "attendance:request_list", "?month=2026-11", 5),
    "all requests: leave": (
        "supervisor",
        "attendance:request_list",
        "?month=2026-11&kind=leave",
        5,
    ),
}
NOVEMBER = [date(2026, 11, d) for d in range(1, 31)]


def add_month_of_staff(cast, count, start):
    """``count`` more staff of the supervisor's department at the cast's site, each with a
    November of check-ins (weekdays), one Saturday worked without overtime, one approved
    leave day, and an overtime, a leave and a missed-punch request waiting."""
    from attendance.models import AttendanceRecord, PunchCorrection

    annual = leave_type("ANNUAL")
    people = [UserFactory(roles=[Role.STAFF], department=cast.dept_a) for _ in range(count)]
    for person in people:
        AssignmentFactory(user=person, site=cast.site)
    AttendanceRecord.objects.bulk_create(
        AttendanceRecord(
            user=person,
            date=day,
            site=cast.site,
            check_in_at=at(day, 8, 40 + n % 20),
            check_out_at=at(day, 18, 5) if day != date(2026, 11, 20) else None,
        )
        for n, person in enumerate(people, start)
        for day in NOVEMBER
        if day.isoweekday() <= 5 and day != date(2026, 11, 3) or day == date(2026, 11, 14)
    )
    for n, person in enumerate(people, start):
        OvertimeRequest.objects.create(
            user=person,
            site=cast.site,
            date=date(2026, 11, 21),
            start_time=time(9),
            end_time=time(12),
            planned_minutes=180,
            kind=OvertimeKind.REST_DAY,
            reason=f"保障 {n}",
        )
        _leave_day(person, annual, date(2026, 11, 3), approved=True)
        _leave_day(person, annual, date(2026, 11, 27))
        PunchCorrection.objects.create(
            user=person, date=date(2026, 11, 20), kind="check_out", time=time(18), reason="忘了"
        )


def own_queries(client, url):
    """The page's queries beyond those of a page that only renders ``base.html`` for the
    same person (the core's per-request work)."""
    return count_queries(client, url) - count_queries(client, reverse("password_change_done"))


@pytest.mark.django_db
@pytest.mark.parametrize("page", list(DAILY_PAGES))
def test_a_daily_page_reads_the_same_few_queries_for_a_company_ten_times_larger(
    cast, schedule, login, page
):
    import time_machine

    role, name, query, pinned = DAILY_PAGES[page]
    if query.endswith("department="):
        query += str(cast.dept_a.pk)
    with time_machine.travel(at(date(2026, 11, 24), 10), tick=False):
        client = login(getattr(cast, role))
        url = reverse(name) + query
        add_month_of_staff(cast, 5, 0)
        client.get(url)  # warm caches (content types, sessions)
        few = own_queries(client, url)
        add_month_of_staff(cast, 45, 5)
        many = own_queries(client, url)
    assert few == many, (page, few, many)
    assert many <= pinned <= OWN_QUERIES_TARGET, (page, many)


@pytest.mark.django_db
def test_unapproved_overtime_is_paged_by_person(cast, schedule, login):
    import time_machine

    from onsite.conf import conf

    with time_machine.travel(at(date(2026, 11, 24), 10), tick=False):
        add_month_of_staff(cast, conf.PAGE_SIZE + 2, 0)
        client = login(cast.supervisor)
        url = reverse("attendance:unapproved") + "?month=2026-11"
        first = client.get(url).content.decode()
        second = client.get(url + "&page=2").content.decode()
    rows = first.count("2026-11-14</td>"), second.count("2026-11-14</td>")
    assert rows == (conf.PAGE_SIZE, 2)  # each person's Saturday, a page of people at a time
    assert "page=2" in first
