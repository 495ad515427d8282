"""Missed-punch corrections (补卡): asked within three working days and HR's monthly number,
approved by the decider; the day is derived again with the corrected time and shown as
corrected on every report and export, never as a punch."""

import io
from datetime import date, time

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from attendance import services
from attendance.choices import CorrectionStatus, DayStatus, PunchKind
from attendance.exports import pdf_bytes, xlsx_bytes
from attendance.models import AttendanceRecord, PunchCorrection
from attendance.summary import by_department, header, leave_types, month_rows, values
from onsite.models import AuditEntry, Notification
from onsite.workflow import WorkflowError
from tests.attendance.test_exports import pdf_text

pytestmark = [pytest.mark.django_db, pytest.mark.rule("R2.1-strict-attendance")]


@pytest.fixture(autouse=True)
def _tuesday_december_8():
    with time_machine.travel("2026-12-08 10:00 +0800", tick=False):
        yield


def correct(user, day, kind, clock, reason="忘记打卡"):
    return services.submit_correction(user, date=day, kind=kind, time=clock, reason=reason)


@pytest.fixture
def forgot_to_check_out(cast, schedule, record):
    """Monday Dec 7: checked in at 08:55, never checked out."""
    return record(cast.staff, date(2026, 12, 7), cast.site, (8, 55), None)


def test_a_correction_is_approved_and_the_day_is_derived_again_as_corrected(
    cast, forgot_to_check_out
):
    before = month_rows([cast.staff], 2026, 12)[0].days[6]
    assert before.status == DayStatus.MISSING_OUT
    fix = correct(cast.staff, date(2026, 12, 7), PunchKind.CHECK_OUT, time(18, 5))
    assert fix.status == CorrectionStatus.SUBMITTED
    assert Notification.objects.filter(recipient=cast.supervisor, url=fix.get_absolute_url())
    services.approve_correction(cast.supervisor, fix, comment="属实")
    fix.refresh_from_db()
    assert (fix.status, fix.decided_by) == (CorrectionStatus.APPROVED, cast.supervisor)
    row = month_rows([cast.staff], 2026, 12)[0]
    day = row.days[6]
    assert (day.status, day.corrected) == (DayStatus.PRESENT, True)
    assert day.code == "✓*" and row.codes[6] == "✓*"  # marked, never a plain punch
    assert (row.corrected_days, row.missing_out_count) == (1, 0)
    forgot_to_check_out.refresh_from_db()
    assert forgot_to_check_out.check_out_at is None  # the punch itself is never written
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"attendance.correction.submit", "attendance.correction.approve"} <= actions


def test_the_correction_shows_as_such_on_the_summary_pdf_and_excel(
    cast, forgot_to_check_out, login
):
    fix = correct(cast.staff, date(2026, 12, 7), PunchKind.CHECK_OUT, time(18, 5))
    services.approve_correction(cast.supervisor, fix)
    types = leave_types()
    rows = month_rows([cast.staff], 2026, 12)
    column = header(types).index("Corrected punches")
    assert values(rows[0], types)[column] == 1
    page = login(cast.hr).get(reverse("attendance:summary") + "?month=2026-12").content.decode()
    assert "补卡次数" in page
    translation.activate("en")  # the page answered in Chinese; the files are read in English
    groups = by_department(rows)
    book = load_workbook(io.BytesIO(xlsx_bytes(groups, 2026, 12)))
    sheet = book[cast.dept_a.name]
    cells = [c.value for c in list(sheet.iter_rows())[1]]
    assert cells[column] == 1 and "✓*" in cells
    assert ["*", "Corrected (an approved missed-punch correction)"] in [
        [c.value for c in line] for line in book["Legend"].iter_rows()
    ]
    text = pdf_text(pdf_bytes(groups, 2026, 12, label="A", exported_by=cast.hr))
    assert "✓*" in text and "Corrected (an approved missed-punch correction)" in text


def test_a_whole_missed_day_is_corrected_check_in_first(cast, schedule):
    day = date(2026, 12, 7)
    with pytest.raises(WorkflowError, match="check-in first"):
        correct(cast.staff, day, PunchKind.CHECK_OUT, time(18))
    first = correct(cast.staff, day, PunchKind.CHECK_IN, time(8, 50))
    second = correct(cast.staff, day, PunchKind.CHECK_OUT, time(18))
    assert month_rows([cast.staff], 2026, 12)[0].days[6].status == DayStatus.ABSENT  # pending
    services.approve_correction(cast.supervisor, first)
    services.approve_correction(cast.supervisor, second)
    derived = month_rows([cast.staff], 2026, 12)[0].days[6]
    assert (derived.status, derived.corrected) == (DayStatus.PRESENT, True)
    assert not AttendanceRecord.objects.exists()


def test_a_correction_is_asked_within_three_working_days(cast, schedule):
    # Tue Dec 8: Dec 3 (Thu) is three working days ago (Fri, Mon, Tue); Dec 2 is four.
    with pytest.raises(WorkflowError, match="until 2026-12-07"):
        correct(cast.staff, date(2026, 12, 2), PunchKind.CHECK_IN, time(9))
    assert correct(cast.staff, date(2026, 12, 3), PunchKind.CHECK_IN, time(9))


def test_a_month_allows_as_many_corrections_as_hr_sets(cast, schedule, login):
    response = login(cast.hr).post(reverse("attendance:rules"), {"corrections_per_month": "1"})
    assert response.status_code == 302
    translation.activate("en")  # the page answered in Chinese; the services are read in English
    first = correct(cast.staff, date(2026, 12, 3), PunchKind.CHECK_IN, time(9))
    with pytest.raises(WorkflowError, match="allows 1 a month"):
        correct(cast.staff, date(2026, 12, 4), PunchKind.CHECK_IN, time(9))
    services.cancel_correction(cast.staff, first)  # a withdrawn one does not count
    assert correct(cast.staff, date(2026, 12, 4), PunchKind.CHECK_IN, time(9))
    assert AuditEntry.objects.filter(action="attendance.policy.change", actor=cast.hr).exists()


def test_only_a_missed_punch_of_the_past_is_corrected_and_only_once(cast, forgot_to_check_out):
    with pytest.raises(WorkflowError, match="not one to come"):
        correct(cast.staff, date(2026, 12, 8), PunchKind.CHECK_IN, time(11))
    with pytest.raises(WorkflowError, match="nothing to correct"):
        correct(cast.staff, date(2026, 12, 7), PunchKind.CHECK_IN, time(9, 10))
    correct(cast.staff, date(2026, 12, 7), PunchKind.CHECK_OUT, time(18))
    with pytest.raises(WorkflowError, match="already asked"):
        correct(cast.staff, date(2026, 12, 7), PunchKind.CHECK_OUT, time(18, 30))


def test_the_applicant_withdraws_and_only_the_decider_decides(cast, forgot_to_check_out):
    fix = correct(cast.staff, date(2026, 12, 7), PunchKind.CHECK_OUT, time(18))
    with pytest.raises(PermissionDenied):
        services.approve_correction(cast.staff, fix)
    with pytest.raises(PermissionDenied):
        services.approve_correction(cast.outsider, fix)
    with pytest.raises(PermissionDenied):
        services.cancel_correction(cast.supervisor, fix)
    services.cancel_correction(cast.staff, fix)
    assert PunchCorrection.objects.get().status == CorrectionStatus.CANCELLED


def test_the_month_page_offers_a_correction_of_a_missed_day_in_time(
    cast, forgot_to_check_out, login
):
    page = login(cast.staff).get(reverse("attendance:my_month") + "?month=2026-12").content
    assert b"date=2026-12-07&amp;kind=check_out" in page
    form = login(cast.staff).get(reverse("attendance:correction_new"))
    assert form.status_code == 200 and b'data-testid="decider-notice"' in form.content


def test_the_page_asks_and_the_supervisor_approves_from_the_queue(cast, forgot_to_check_out, login):
    response = login(cast.staff).post(
        reverse("attendance:correction_new"),
        {"date": "2026-12-07", "kind": "check_out", "time": "18:00", "reason": "忘记签退"},
    )
    fix = PunchCorrection.objects.get()
    assert response.status_code == 302 and response["Location"] == fix.get_absolute_url()
    queue = login(cast.supervisor).get(reverse("attendance:queue")).content.decode()
    assert 'data-testid="queue-correction"' in queue and fix.get_absolute_url() in queue
    login(cast.supervisor).post(
        reverse("attendance:queue_decide"),
        {"what": "correction", "action": "approve", "ids": [fix.pk]},
    )
    fix.refresh_from_db()
    assert fix.status == CorrectionStatus.APPROVED
