"""Exports: the PDF shows Chinese names and the right totals; Excel equals the summary;
the whole company is made in the background (the core's export framework) and only the
person who asked for it downloads it."""

import hashlib
import io
from datetime import date
from urllib.parse import quote

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from attendance import exports
from attendance.choices import OvertimeKind
from attendance.models import AttendanceExport
from attendance.summary import header, leave_types, month_rows, staff_queryset, values
from onsite import exports as framework
from onsite.choices import ExportState
from onsite.models import AuditEntry, Notification
from tests.attendance.conftest import leave_day_and_rest_day_overtime, leave_type
from tests.factories import UserFactory

LABEL = AttendanceExport._meta.label


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
    leave_day_and_rest_day_overtime(cast)
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
    name = quote("月度考勤表-2026-11-音视频部.pdf")
    assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{name}"
    text = pdf_text(response.content)
    flat = text.replace(" ", "").replace("\n", "")
    assert "张伟" in flat
    assert "音视频部" in flat
    assert "2026-11-01" in text and "2026-11-30" in text
    number = november.staff.profile.employee_no
    staff_row = next(line for line in text.splitlines() if line.startswith(number))
    # present 4, late 2, early 1, missing check-out 0, absent 16, corrected 0, annual leave 1.0
    assert staff_row.startswith(f"{number} 张伟 音视频部 4 2 1 0 16 0 1.0")
    assert staff_row.split()[-5] == "4.5"  # rest-day overtime hours (270 confirmed minutes)
    assert "页码" in flat or "Page" in text  # page numbers


@pytest.mark.django_db
@pytest.mark.rule("R2.3-hr-supervises-attendance")
def test_the_excel_cells_equal_the_summary(november, login):
    response = login(november.hr).get(
        reverse("attendance:export_xlsx") + f"?department={november.dept_a.pk}&month=2026-11"
    )
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["音视频部", "图例"]  # the day codes explained last
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


def month_export(user, fmt="pdf", **fields):
    """An export of November 2026 queued for ``user`` (the whole company by default)."""
    return exports.queue_month(user, year=2026, month=11, fmt=fmt, **fields)


@pytest.fixture
def private(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.mark.django_db
@pytest.mark.rule("R2.3-hr-supervises-attendance")
def test_the_whole_company_runs_in_the_background_with_progress(november, private):
    export = month_export(november.hr)
    assert (export.kind, export.scope, export.state) == ("attendance.month", "company", "queued")
    assert framework.run(LABEL, export.pk) is True
    export.refresh_from_db()
    assert export.state == ExportState.DONE
    assert export.percent == 100
    assert export.total_steps == export.done_steps > 1  # a step per department, then the file
    assert export.rows == 9  # everyone of the cast
    path = private / export.file.name
    assert path.is_file()  # private, not under a public URL
    content = path.read_bytes()
    assert hashlib.sha256(content).hexdigest() == export.sha256
    assert export.file_name == "月度考勤表-2026-11-全公司.pdf"  # in the requester's language
    assert "张伟" in pdf_text(content).replace(" ", "").replace("\n", "")
    assert Notification.objects.filter(recipient=november.hr).count() == 1
    assert framework.run(LABEL, export.pk) is False  # a duplicate task delivery does nothing


@pytest.mark.django_db
@pytest.mark.rule("R2.3-hr-supervises-attendance")
def test_only_the_one_who_asked_downloads_the_file(november, private, login):
    export = month_export(november.hr, fmt="xlsx")
    framework.run(LABEL, export.pk)
    url = reverse("attendance:export_download", args=[export.token])
    for person in (november.supervisor, november.vp, november.admin, november.staff):
        assert login(person).get(url).status_code == 403
    other_hr = UserFactory(roles=["hr"], department=november.dept_b)
    assert login(other_hr).get(url).status_code == 404  # another HR person's export
    response = login(november.hr).get(url)
    assert response.status_code == 200
    name = quote("月度考勤表-2026-11-全公司.xlsx")
    assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{name}"
    content = b"".join(response.streaming_content)
    assert load_workbook(io.BytesIO(content)).sheetnames
    assert AuditEntry.objects.filter(action="attendance.export.download", actor=november.hr)


@pytest.mark.django_db(transaction=True)
def test_starting_an_export_queues_the_task_after_commit(cast, login, monkeypatch):
    calls = []
    from onsite import tasks

    monkeypatch.setattr(tasks.run_export, "apply_async", lambda args, retry: calls.append(args))
    response = login(cast.hr).post(
        reverse("attendance:export_start"), {"month": "2026-11", "format": "pdf"}
    )
    assert response.status_code == 302
    export = AttendanceExport.objects.get()
    assert (export.scope, export.kind, export.requested_by) == (
        "company",
        "attendance.month",
        cast.hr,
    )
    assert calls == [[LABEL, export.pk]]
    assert AuditEntry.objects.filter(action="attendance.export.queue", actor=cast.hr).exists()
    status = login(cast.hr).get(reverse("attendance:export_status", args=[export.token]))
    assert b"hx-trigger" in status.content  # the page polls until it is ready


@pytest.mark.django_db
def test_a_site_export_covers_the_people_assigned_there(november, login):
    response = login(november.hr).get(
        reverse("attendance:export_xlsx") + f"?site={november.site.pk}&month=2026-11"
    )
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''")
    book = load_workbook(io.BytesIO(response.content))
    sheets = book.worksheets[:-1]  # the last one explains the day codes
    numbers = [row[0].value for sheet in sheets for row in list(sheet.iter_rows())[1:]]
    assert numbers == [november.staff.profile.employee_no]  # only the staff assigned there


@pytest.mark.django_db
def test_the_whole_company_is_not_rendered_inside_a_request(november, login):
    response = login(november.hr).get(reverse("attendance:export_pdf") + "?month=2026-11")
    assert response.status_code == 302
    assert response.url.startswith(reverse("attendance:exports"))
    assert not AttendanceExport.objects.exists()  # a GET changes nothing


@pytest.mark.django_db(transaction=True)
@pytest.mark.rule("R2.3-hr-supervises-attendance")
def test_the_summarys_company_buttons_queue_the_whole_company(cast, login, monkeypatch):
    from onsite import tasks

    calls = []
    monkeypatch.setattr(tasks.run_export, "apply_async", lambda args, retry: calls.append(args))
    client = login(cast.hr)
    page = client.get(reverse("attendance:summary") + "?month=2026-11").content.decode()
    start = reverse("attendance:export_start")
    assert f'action="{start}"' in page and 'name="month" value="2026-11"' in page
    assert reverse("attendance:export_pdf") not in page  # no GET that would not queue
    response = client.post(start, {"month": "2026-11", "format": "xlsx"})
    assert response.url == reverse("attendance:exports")
    export = AttendanceExport.objects.get()
    assert (export.scope, export.year, export.month, export.format) == ("company", 2026, 11, "xlsx")
    assert calls == [[LABEL, export.pk]]
    part = client.get(reverse("attendance:summary") + f"?month=2026-11&department={cast.dept_a.pk}")
    assert reverse("attendance:export_pdf") in part.content.decode()  # a department: on the spot


@pytest.mark.django_db
def test_a_failed_export_is_recorded_and_can_be_started_again(
    cast, private, login, monkeypatch, django_capture_on_commit_callbacks
):
    export = month_export(cast.hr, fmt="xlsx")

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(exports, "xlsx_bytes", broken)
    for _attempt in range(3):
        AttendanceExport.objects.filter(pk=export.pk).update(state=ExportState.QUEUED)
        assert framework.run(LABEL, export.pk) is False
    export.refresh_from_db()
    assert (export.state, export.error) == (ExportState.FAILED, "disk full")
    assert Notification.objects.filter(recipient=cast.hr).count() == 1  # told once, at the end
    monkeypatch.undo()
    with django_capture_on_commit_callbacks() as handed_off:
        login(cast.hr).post(reverse("attendance:export_retry", args=[export.token]))
    export.refresh_from_db()
    assert export.state == ExportState.QUEUED
    assert len(handed_off) == 1
    assert AuditEntry.objects.filter(action="attendance.export.retry").exists()
    assert framework.run(LABEL, export.pk) is True
    export.refresh_from_db()
    assert export.state == ExportState.DONE


@pytest.mark.django_db
def test_a_pdf_of_a_provisional_year_says_so(cast, schedule, login):
    from django.utils import translation

    with translation.override("en"):
        content = exports.pdf_bytes([], 2031, 1, label="x", exported_by=cast.hr)
    assert "provisional" in pdf_text(content)


@pytest.mark.django_db
def test_the_sweep_builds_an_export_whose_task_was_lost(november, private, time_machine):
    from onsite import tasks

    time_machine.move_to("2026-12-01 09:00 +08:00")
    lost = month_export(november.hr, fmt="xlsx")
    time_machine.move_to("2026-12-01 09:05 +08:00")
    fresh = month_export(november.hr, fmt="xlsx")
    tasks.sweep_exports()
    lost.refresh_from_db()
    fresh.refresh_from_db()
    assert lost.state == ExportState.DONE
    assert fresh.state == ExportState.QUEUED  # its task may still be on its way


@pytest.mark.django_db
def test_an_expired_export_is_purged_and_refused(november, private, login, time_machine):
    export = month_export(november.hr, fmt="xlsx")
    framework.run(LABEL, export.pk)
    export.refresh_from_db()
    path = private / export.file.name
    time_machine.move_to(export.expires_at)
    framework.sweep()
    export.refresh_from_db()
    assert (export.state, export.file.name) == (ExportState.EXPIRED, "")
    assert not path.exists()
    response = login(november.hr).get(reverse("attendance:export_download", args=[export.token]))
    assert response.status_code == 302  # back to the exports page, saying why
