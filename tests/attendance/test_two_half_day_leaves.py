"""Two half-day leaves of different types on one working day count half a day each, under
their own type, in the month's figures (page, PDF and Excel share them) and the day-by-day
sheets: not a whole day under the last one read."""

from datetime import date
from decimal import Decimal

import pytest

from attendance.choices import HalfDay, LeaveStatus
from attendance.models import LeaveRequest
from attendance.pdf.detail import _leave
from attendance.summary import month_rows, staff_queryset
from tests.attendance.conftest import leave_type

pytestmark = pytest.mark.django_db
DAY = date(2026, 11, 18)  # a Wednesday


def _half(cast, kind, half):
    return LeaveRequest.objects.create(
        user=cast.staff, leave_type=kind, start_date=DAY, end_date=DAY, start_half=half,
        end_half=half, days=Decimal("0.5"), reason="半天", status=LeaveStatus.APPROVED,
    )  # fmt: skip


def test_a_morning_of_sick_leave_and_an_afternoon_of_annual_leave_count_apart(cast, schedule):
    sick, annual = leave_type("SICK"), leave_type("ANNUAL")
    _half(cast, sick, HalfDay.AM)
    _half(cast, annual, HalfDay.PM)
    people = staff_queryset().filter(pk=cast.staff.pk)
    (row,) = month_rows(people, 2026, 11, today=date(2026, 12, 1))
    assert row.leave_days == {sick.pk: Decimal("0.5"), annual.pk: Decimal("0.5")}
    day = next(d for d in row.days if d.date == DAY)
    assert day.leave_portion == 1 and day.status == "leave"
    shown = _leave(day)
    assert sick.name in shown and annual.name in shown


def test_one_leave_of_a_whole_day_counts_once_under_its_type(cast, schedule):
    annual = leave_type("ANNUAL")
    LeaveRequest.objects.create(
        user=cast.staff, leave_type=annual, start_date=DAY, end_date=date(2026, 11, 19),
        days=Decimal("2"), reason="休", status=LeaveStatus.APPROVED,
    )  # fmt: skip
    people = staff_queryset().filter(pk=cast.staff.pk)
    (row,) = month_rows(people, 2026, 11, today=date(2026, 12, 1))
    assert row.leave_days == {annual.pk: Decimal("2.0")}
