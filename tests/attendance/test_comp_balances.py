"""The compensatory balance's two sums (confirmed rest-day minutes taken as leave, and the
compensatory leave days taken or asked) count exactly the rows the rule counts, per person
and up to a date, as the ORM counts them (on SQLite and on PostgreSQL)."""

from datetime import date, time
from decimal import Decimal

import pytest
from django.db.models import Sum

from attendance.choices import (
    LEAVE_COUNTED,
    Compensation,
    LeaveStatus,
    OvertimeKind,
    OvertimeStatus,
)
from attendance.models import LeaveRequest, OvertimeRequest
from attendance.summary import comp_minutes_and_days
from onsite.models import Site
from tests.attendance.conftest import leave_type

pytestmark = [pytest.mark.django_db, pytest.mark.rule("R2.3-leave-by-company-policy")]


def _overtime(user, day, minutes, **changes):
    fields = {
        "user": user,
        "site": Site.objects.first(),
        "date": day,
        "start_time": time(9),
        "end_time": time(17),
        "planned_minutes": 480,
        "actual_minutes": minutes,
        "kind": OvertimeKind.REST_DAY,
        "compensation": Compensation.LEAVE,
        "reason": "保障",
        "status": OvertimeStatus.FILED,
    }
    OvertimeRequest.objects.create(**{**fields, **changes})


def _leave(user, kind, day, days, status):
    LeaveRequest.objects.create(
        user=user, leave_type=kind, start_date=day, end_date=day, days=days, reason="调休",
        status=status,
    )  # fmt: skip


def test_the_two_sums_count_what_the_rule_counts(cast):
    comp, annual = leave_type("COMP"), leave_type("ANNUAL")
    _overtime(cast.staff, date(2026, 11, 7), 480)
    _overtime(cast.staff, date(2026, 11, 14), 270)
    _overtime(cast.staff, date(2026, 12, 5), 60)  # after the date asked
    _overtime(cast.staff, date(2026, 11, 21), 300, compensation=Compensation.PAY)
    _overtime(cast.staff, date(2026, 11, 22), 300, status=OvertimeStatus.SUPERVISOR_APPROVED)
    _overtime(cast.staff, date(2026, 11, 23), None)  # hours not confirmed
    _overtime(cast.staff, date(2026, 11, 24), 120, kind=OvertimeKind.HOLIDAY)
    _overtime(cast.supervisor, date(2026, 11, 7), 90)
    _leave(cast.staff, comp, date(2026, 11, 16), Decimal("0.5"), LeaveStatus.APPROVED)
    _leave(cast.staff, comp, date(2026, 11, 17), Decimal("1.0"), LeaveStatus.SUBMITTED)
    _leave(cast.staff, comp, date(2026, 11, 18), Decimal("1.0"), LeaveStatus.REJECTED)
    _leave(cast.staff, comp, date(2026, 12, 7), Decimal("1.0"), LeaveStatus.APPROVED)
    _leave(cast.staff, annual, date(2026, 11, 19), Decimal("1.0"), LeaveStatus.APPROVED)
    ids = [cast.staff.pk, cast.supervisor.pk, cast.hr.pk]
    earned, used = comp_minutes_and_days(ids, date(2026, 11, 30))
    assert earned == {cast.staff.pk: 750, cast.supervisor.pk: 90}
    assert used == {cast.staff.pk: Decimal("1.5")} and type(used[cast.staff.pk]) is Decimal
    everything = comp_minutes_and_days(ids, None)
    assert everything[0][cast.staff.pk] == 810 and everything[1][cast.staff.pk] == Decimal("2.5")
    orm = LeaveRequest.objects.filter(
        user=cast.staff, leave_type__is_compensatory=True, status__in=LEAVE_COUNTED
    ).aggregate(days=Sum("days"))["days"]
    assert everything[1][cast.staff.pk] == orm
    assert comp_minutes_and_days([], None) == ({}, {})
