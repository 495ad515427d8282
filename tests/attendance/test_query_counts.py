"""Every list and queue page runs the same number of SQL queries for 5 rows as for 50."""

from datetime import date, time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from attendance.choices import OvertimeKind, OvertimeStatus
from attendance.models import AttendanceExport, LeaveAllowance, LeaveRequest, OvertimeRequest
from onsite.choices import Role
from tests.attendance.conftest import at, leave_type
from tests.factories import AssignmentFactory, UserFactory


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
        LeaveRequest.objects.create(
            user=person,
            leave_type=annual,
            start_date=date(2026, 11, 2),
            end_date=date(2026, 11, 2),
            days=1,
            reason="事",
            status="approved",
        )
        LeaveRequest.objects.create(
            user=person,
            leave_type=annual,
            start_date=date(2026, 12, 2),
            end_date=date(2026, 12, 2),
            days=1,
            reason="事",
        )
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
    if name == "attendance:queue":
        assert "保障 49" in client.last_content  # all 50 rows are on the page


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
