"""Two approvers at once: exactly one decision is recorded (PostgreSQL row locks)."""

import threading
from datetime import date, time, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection

from attendance import services
from attendance.choices import LeaveStatus, OvertimeKind, OvertimeStatus
from attendance.models import AttendanceRecord, LeaveRequest, OvertimeRequest
from onsite.choices import Role
from onsite.models import AuditEntry
from onsite.workflow import WorkflowError
from tests.attendance.conftest import leave_type
from tests.conftest import is_postgres
from tests.factories import UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def race(*calls):
    """Run the calls at the same moment; return what each returned or raised."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except (WorkflowError, PermissionDenied) as error:
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def fresh(obj):
    """Each racer reads the request itself, as two people's pages would."""
    return type(obj).objects.get(pk=obj.pk)


@pytest.fixture
def second_supervisor(cast):
    if not is_postgres():
        pytest.skip("row locks need PostgreSQL")
    person = UserFactory(roles=[Role.SUPERVISOR], department=cast.dept_a)
    cast.dept_a.supervisors.add(person)
    return person


def _overtime(cast):
    return OvertimeRequest.objects.create(
        user=cast.staff,
        site=cast.site,
        date=date(2026, 11, 14),
        start_time=time(9),
        end_time=time(12),
        planned_minutes=180,
        kind=OvertimeKind.REST_DAY,
        reason="保障",
    )


def test_approve_and_reject_at_once_record_exactly_one_decision(cast, second_supervisor):
    request = _overtime(cast)
    results = race(
        lambda: services.approve_overtime(cast.supervisor, fresh(request), "同意"),
        lambda: services.reject_overtime(second_supervisor, fresh(request), "不同意"),
    )
    errors = [r for r in results if isinstance(r, WorkflowError)]
    assert len(errors) == 1
    request.refresh_from_db()
    assert request.status in (OvertimeStatus.SUPERVISOR_APPROVED, OvertimeStatus.REJECTED)
    decisions = AuditEntry.objects.filter(
        object_id=str(request.pk),
        action__in=["attendance.overtime.approve", "attendance.overtime.reject"],
    )
    assert decisions.count() == 1


def test_two_hr_filings_at_once_file_once(cast, second_supervisor):
    other_hr = UserFactory(roles=[Role.HR], department=cast.dept_b)
    request = _overtime(cast)
    services.approve_overtime(cast.supervisor, request)
    results = race(
        lambda: services.file_overtime(cast.hr, request),
        lambda: services.file_overtime(other_hr, request),
    )
    assert sum(isinstance(r, WorkflowError) for r in results) == 1
    assert (
        AuditEntry.objects.filter(
            object_id=str(request.pk), action="attendance.overtime.file"
        ).count()
        == 1
    )


def test_two_leave_decisions_at_once_record_one(cast, second_supervisor):
    leave = LeaveRequest.objects.create(
        user=cast.staff,
        leave_type=leave_type("ANNUAL"),
        start_date=date(2026, 12, 1),
        end_date=date(2026, 12, 1),
        days=1,
        reason="事",
    )
    results = race(
        lambda: services.approve_leave(cast.supervisor, leave),
        lambda: services.approve_leave(second_supervisor, leave),
    )
    assert sum(isinstance(r, WorkflowError) for r in results) == 1
    leave.refresh_from_db()
    assert leave.status == LeaveStatus.APPROVED
    assert (
        AuditEntry.objects.filter(
            object_id=str(leave.pk), action="attendance.leave.approve"
        ).count()
        == 1
    )


def test_two_leave_requests_at_once_cannot_overdraw_the_balance(cast, second_supervisor, schedule):
    annual = leave_type("ANNUAL")
    annual.yearly_allowance = 3
    annual.save()

    def ask(day):
        return lambda: services.submit_leave(
            cast.staff,
            leave_type=annual,
            start_date=day,
            start_half="am",
            end_date=date(2026, 12, day.day + 1),
            end_half="pm",
            reason="事",
        )

    results = race(ask(date(2026, 12, 7)), ask(date(2026, 12, 9)))  # 2 days each, 3 allowed
    assert sum(isinstance(r, WorkflowError) for r in results) == 1
    assert LeaveRequest.objects.filter(user=cast.staff).count() == 1


def test_two_check_ins_at_once_record_one(cast, second_supervisor, schedule):
    results = race(
        lambda: services.check_in(cast.staff, ip="10.0.0.1"),
        lambda: services.check_in(cast.staff, ip="10.0.0.2"),
    )
    assert sum(isinstance(r, WorkflowError) for r in results) == 1
    assert AttendanceRecord.objects.filter(user=cast.staff).count() == 1


@pytest.mark.rule("R2.1-strict-attendance")
def test_two_corrections_of_one_missed_punch_at_once_record_one(cast, second_supervisor, schedule):
    from django.utils import timezone

    from attendance.models import PunchCorrection

    day = timezone.localdate() - timedelta(days=1)
    while day.isoweekday() > 5:
        day -= timedelta(days=1)

    def ask(clock):
        return lambda: services.submit_correction(
            cast.staff, date=day, kind="check_in", time=clock, reason="忘记签到"
        )

    results = race(ask(time(8, 50)), ask(time(8, 55)))
    assert sum(isinstance(r, WorkflowError) for r in results) == 1
    assert PunchCorrection.objects.filter(user=cast.staff).count() == 1
