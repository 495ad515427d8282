"""Exports: the PDF shows Chinese names and the right totals; Excel equals the summary;
the whole company is built in the background and only HR downloads it."""

import io
from datetime import date, time

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from attendance import exports
from attendance.choices import Compensation, OvertimeKind, OvertimeStatus
from attendance.models import AttendanceExport, LeaveRequest, OvertimeRequest
from attendance.summary import header, leave_types, month_rows, staff_queryset, values
from onsite.choices import ExportState
from tests.attendance.conftest import leave_type


@pytest.fixture(autouse=True)
def _december():
    with time_machine.travel("2026-12-03 10:00 +0800", tick=False):
        yield


@pytest.fixture
def november(cast, schedule, record):
    """张伟 (cast.staff): late twice, one early leave, one leave day, 4.5 h filed rest-day OT."""
    record(cast.staff, date(2026, 11, 2), cast.site, (9, 0), (18, 0))
    record(cast.staff, date(2026, 11, 3), cast.site, (9, 20), (18, 0))
    record(cast.staff, date(2026, 11, 4), cast.site, (9, 30), (18, 0))
    record(cast.staff, date(2026, 11, 5), cast.site, (9, 0), (16, 0))
    LeaveRequest.objects.create(
        user=cast.staff,
        leave_type=leave_type("ANNUAL"),
        start_date=date(2026, 11, 6),
        end_date=date(2026, 11, 6),
        days=1,
        reason="事",
        status="approved",
    )
    OvertimeRequest.objects.create(
        user=cast.staff,
        site=cast.site,
        date=date(2026, 11, 14),
        start_time=time(9),
        end_time=time(13),
        planned_minutes=240,
        actual_minutes=270,
        kind=OvertimeKind.REST_DAY,
        compensation=Compensation.PAY,
        reason="保障",
        status=OvertimeStatus.FILED,
    )
    return cast


def pdf_text(content):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.mark.django_db
def test_the_summary_has_the_right_totals(november):
    row = month_rows([november.staff], 2026, 11)[0]
    assert (row.late_count, row.early_count, row.present_days) == (2, 1, 4)
    assert row.leave_days == {leave_type("ANNUAL").pk: 1}
    assert row.overtime_minutes == {OvertimeKind.REST_DAY: 270}
    assert str(row.ot_rest) == "4.5"


@pytest.mark.django_db
@pytest.mark.rule("R2.3-hr-supervises-attendance")
def test_the_department_pdf_names_staff_in_chinese_with_totals(november, login):
    response = login(november.hr).get(
        reverse("attendance:export_pdf") + f"?department={november.dept_a.pk}&month=2026-11"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    flat = text.replace(" ", "").replace("\n", "")
    assert "张伟" in flat
    assert "音视频部" in flat
    assert "2026-11-01" in text and "2026-11-30" in text
    number = november.staff.profile.employee_no
    staff_row = next(line for line in text.splitlines() if line.startswith(number))
    # present 4, late 2, early 1, missing check-out 0, absent 16, annual leave 1.0 day …
    assert staff_row.startswith(f"{number} 张伟 音视频部 4 2 1 0 16 1.0")
    assert staff_row.split()[-4] == "4.5"  # rest-day overtime hours (270 confirmed minutes)
    assert "页码" in flat or "Page" in text  # page numbers


@pytest.mark.django_db
@pytest.mark.rule("R2.3-hr-supervises-attendance")
def test_the_excel_cells_equal_the_summary(november, login):
    response = login(november.hr).get(
        reverse("attendance:export_xlsx") + f"?department={november.dept_a.pk}&month=2026-11"
    )
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["音视频部"]
    sheet = book["音视频部"]
    cells = [[c.value for c in r] for r in sheet.iter_rows()]
    types = leave_types()
    titles = header(types)
    assert cells[0][: len(titles)] == titles
    people = staff_queryset(department=november.dept_a)
    expected = {row.employee_no: values(row, types) for row in month_rows(people, 2026, 11)}
    got = {line[0]: line[: len(titles)] for line in cells[1:]}
    assert got == expected
    mine = got[november.staff.profile.employee_no]
    assert mine[titles.index(titles[4])] == 2  # late count
    assert 4.5 in mine


@pytest.mark.django_db
def test_the_whole_company_runs_in_the_background_with_progress(november, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    export = AttendanceExport.objects.create(
        requested_by=november.hr, scope="company", year=2026, month=11, format="pdf"
    )
    path = exports.run_export(export.pk)
    export.refresh_from_db()
    assert export.state == ExportState.DONE
    assert export.percent == 100
    assert export.total_steps == export.done_steps > 1
    assert path.parent.parent == tmp_path  # private, not under a public URL
    assert "张伟" in pdf_text(path.read_bytes()).replace(" ", "").replace("\n", "")
    assert exports.run_export(export.pk) is None  # a duplicate task delivery does nothing


@pytest.mark.django_db
@pytest.mark.rule("R2.3-hr-supervises-attendance")
def test_only_hr_downloads_the_file(november, settings, tmp_path, login):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    export = AttendanceExport.objects.create(
        requested_by=november.hr, scope="company", year=2026, month=11, format="xlsx"
    )
    exports.run_export(export.pk)
    url = reverse("attendance:export_download", args=[export.token])
    for person in (november.supervisor, november.vp, november.admin, november.staff):
        assert login(person).get(url).status_code == 403
    response = login(november.hr).get(url)
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    assert load_workbook(io.BytesIO(content)).sheetnames


@pytest.mark.django_db(transaction=True)
def test_starting_an_export_queues_the_task_after_commit(cast, login, monkeypatch):
    calls = []
    from attendance import tasks

    monkeypatch.setattr(tasks.build_export, "apply_async", lambda args, retry: calls.append(args))
    response = login(cast.hr).post(
        reverse("attendance:export_start"), {"month": "2026-11", "format": "pdf"}
    )
    assert response.status_code == 302
    export = AttendanceExport.objects.get()
    assert export.scope == "company"
    assert calls == [[export.pk]]
    status = login(cast.hr).get(reverse("attendance:export_status", args=[export.token]))
    assert b"hx-trigger" in status.content  # the page polls until it is ready


@pytest.mark.django_db
def test_a_site_export_covers_the_people_assigned_there(november, login):
    response = login(november.hr).get(
        reverse("attendance:export_xlsx") + f"?site={november.site.pk}&month=2026-11"
    )
    book = load_workbook(io.BytesIO(response.content))
    numbers = [row[0].value for sheet in book for row in list(sheet.iter_rows())[1:]]
    assert numbers == [november.staff.profile.employee_no]  # only the staff assigned there


@pytest.mark.django_db
def test_the_whole_company_is_not_rendered_inside_a_request(november, login):
    response = login(november.hr).get(reverse("attendance:export_pdf") + "?month=2026-11")
    assert response.status_code == 302
    assert response.url.startswith(reverse("attendance:exports"))


@pytest.mark.django_db(transaction=True)
def test_a_failed_export_is_recorded_and_can_be_started_again(
    cast, settings, tmp_path, login, monkeypatch
):
    from attendance import tasks

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    export = AttendanceExport.objects.create(
        requested_by=cast.hr, scope="company", year=2026, month=11, format="xlsx"
    )

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(exports, "xlsx_bytes", broken)
    with pytest.raises(OSError):
        exports.run_export(export.pk)
    export.refresh_from_db()
    assert (export.state, export.error) == (ExportState.FAILED, "disk full")
    monkeypatch.undo()
    queued = []
    monkeypatch.setattr(tasks.build_export, "apply_async", lambda args, retry: queued.append(args))
    login(cast.hr).post(reverse("attendance:export_retry", args=[export.token]))
    export.refresh_from_db()
    assert export.state == ExportState.QUEUED
    assert queued == [[export.pk]]
    exports.run_export(export.pk)
    export.refresh_from_db()
    assert export.state == ExportState.DONE


@pytest.mark.django_db
def test_a_pdf_of_a_provisional_year_says_so(cast, schedule, login):
    from django.utils import translation

    with translation.override("en"):
        content = exports.pdf_bytes([], 2031, 1, label="x", exported_by=cast.hr)
    assert "provisional" in pdf_text(content)


@pytest.mark.django_db
def test_the_sweep_builds_an_export_whose_task_was_lost(november, settings, tmp_path, time_machine):
    from attendance import tasks

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    time_machine.move_to("2026-12-01 09:00 +08:00")
    lost = AttendanceExport.objects.create(
        requested_by=november.hr, scope="company", year=2026, month=11, format="xlsx"
    )
    time_machine.move_to("2026-12-01 09:05 +08:00")
    fresh = AttendanceExport.objects.create(
        requested_by=november.hr, scope="company", year=2026, month=11, format="xlsx"
    )
    tasks.sweep_exports()
    lost.refresh_from_db()
    fresh.refresh_from_db()
    assert lost.state == ExportState.DONE
    assert fresh.state == ExportState.QUEUED  # its task may still be on its way
