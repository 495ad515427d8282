"""Approved overtime still to come is shown apart: never counted as worked or paid, and no
compensatory leave is earned until its hours are confirmed. Confirming is offered only once
the overtime is over, and a refusal says why."""

import io
from datetime import date, time

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from attendance import services
from attendance.choices import Compensation, OvertimeKind, OvertimeStatus
from attendance.exports import xlsx_bytes
from attendance.models import OvertimeRequest
from attendance.summary import by_department, header, leave_types, month_rows, values
from tests.attendance.conftest import leave_type

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.rule("R2.3-overtime-hr-filing", "R2.3-leave-by-company-policy"),
]


@pytest.fixture
def approved_for_dec_12(cast, schedule):
    """Rest-day overtime on Saturday Dec 12, 09:00–13:00, taken as leave, filed by HR."""
    return OvertimeRequest.objects.create(
        user=cast.staff,
        site=cast.site,
        date=date(2026, 12, 12),
        start_time=time(9),
        end_time=time(13),
        planned_minutes=240,
        kind=OvertimeKind.REST_DAY,
        compensation=Compensation.LEAVE,
        reason="周六会议保障",
        status=OvertimeStatus.FILED,
    )


def _totals(cast):
    types = leave_types()
    row = month_rows([cast.staff], 2026, 12)[0]
    return row, dict(zip(header(types), values(row, types), strict=True))


def test_on_december_1_future_overtime_is_neither_worked_nor_a_balance(
    cast, approved_for_dec_12, login
):
    with time_machine.travel("2026-12-01 10:00 +0800", tick=False):
        row, totals = _totals(cast)
        assert totals["Rest-day overtime (h)"] == 0.0
        assert totals["Approved overtime not yet worked (h)"] == 4.0
        assert totals["Compensatory leave balance (days)"] == 0.0
        assert services.comp_leave_balance(cast.staff) == 0
        assert services.leave_balance(cast.staff, leave_type("COMP"), 2026) == 0
        book = load_workbook(io.BytesIO(xlsx_bytes(by_department([row]), 2026, 12)))
        titles = header(leave_types())
        cells = [c.value for c in list(book[cast.dept_a.name].iter_rows())[1]]
        assert cells[titles.index("Rest-day overtime (h)")] == 0.0
        assert cells[titles.index("Approved overtime not yet worked (h)")] == 4.0
        page = login(cast.hr).get(reverse("attendance:summary") + "?month=2026-12")
        assert "已批准未确认加班" in page.content.decode()


def test_confirming_the_hours_is_offered_only_after_the_end_and_a_refusal_says_why(
    cast, approved_for_dec_12, login
):
    with time_machine.travel("2026-12-01 10:00 +0800", tick=False):
        client = login(cast.staff)
        page = client.get(approved_for_dec_12.get_absolute_url()).content.decode()
        assert 'data-action="confirm_hours"' not in page
        assert 'data-testid="hours-note"' in page and "2026-12-12 13:00" in page
        url = reverse("attendance:overtime_hours", args=[approved_for_dec_12.pk])
        refused = client.post(url, {"minutes": "240"})
        assert refused.status_code == 400
        text = refused.content.decode()
        assert "2026-12-12 13:00" in text and "已完成" not in text
    approved_for_dec_12.refresh_from_db()
    assert approved_for_dec_12.actual_minutes is None


def test_once_worked_and_confirmed_the_hours_count_and_earn_leave(cast, approved_for_dec_12):
    with time_machine.travel("2026-12-13 10:00 +0800", tick=False):
        services.confirm_overtime_hours(cast.staff, approved_for_dec_12, 240)
        _row, totals = _totals(cast)
        assert totals["Rest-day overtime (h)"] == 4.0
        assert totals["Approved overtime not yet worked (h)"] == 0.0
        assert totals["Compensatory leave balance (days)"] == 0.5
        assert services.comp_leave_balance(cast.staff) == 0.5
