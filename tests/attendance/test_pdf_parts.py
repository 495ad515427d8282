"""The long PDFs are made in parts by worker processes and joined: the file reads as one
(names, totals, Chinese, page numbers running across the parts, one outline entry per
department); the detailed sheet shows each person's days with times, leave and overtime."""

import io
import re
from datetime import date

import pytest
import time_machine
from pypdf import PdfReader

from attendance import exports
from attendance.models import AttendanceExport
from attendance.pdf.parallel import Renderer, RenderError
from onsite import exports as framework
from onsite.choices import ExportState
from tests.attendance.conftest import leave_day_and_rest_day_overtime

LABEL = AttendanceExport._meta.label


@pytest.fixture(autouse=True)
def _december():
    with time_machine.travel("2026-12-03 10:00 +0800", tick=False):
        yield


@pytest.fixture
def parts(settings, tmp_path):
    """Two people a part, so each department of the cast is cut in two or three parts."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    settings.ATTENDANCE_PDF_PART_ROWS = 2
    settings.ATTENDANCE_PDF_WORKERS = 2


@pytest.fixture
def november(cast, schedule, record):
    """张伟 (cast.staff): late on the 3rd, a day of annual leave on the 6th, 4.5 h of filed
    rest-day overtime on Saturday the 14th."""
    record(cast.staff, date(2026, 11, 2), cast.site, (9, 0), (18, 0))
    record(cast.staff, date(2026, 11, 3), cast.site, (9, 20), (18, 5))
    record(cast.staff, date(2026, 11, 14), cast.site, (8, 55), (13, 30))
    leave_day_and_rest_day_overtime(cast)
    return cast


def made(user, fmt, **fields):
    export = exports.queue_month(user, year=2026, month=11, fmt=fmt, **fields)
    assert framework.run(LABEL, export.pk) is True
    export.refresh_from_db()
    assert export.state == ExportState.DONE
    return export, PdfReader(io.BytesIO(export.file.read()))


def page_texts(reader):
    return [page.extract_text() for page in reader.pages]


def outline_titles(reader):
    return [item.title for item in reader.outline if not isinstance(item, list)]


@pytest.mark.django_db
@pytest.mark.rule("R2.3-hr-supervises-attendance")
def test_the_company_pdf_made_in_parts_reads_as_one_file(november, parts):
    export, reader = made(november.hr, "pdf")
    texts = page_texts(reader)
    count = len(texts)
    assert count >= 5  # five parts, each on its own pages
    for number, text in enumerate(texts, start=1):
        assert f"页码 {number} / {count}" in text  # one run of numbers over every part
        assert text.count("页码") == 1  # the parts carry no numbers of their own
    whole = "\n".join(texts)
    assert "音视频部" in whole and "信息部" in whole  # Chinese department names
    number = november.staff.profile.employee_no
    staff_row = next(line for line in whole.splitlines() if line.startswith(number))
    # present 2 (+ the rest day worked), late 1, early 0, missing 0, absent, corrected 0 ...
    assert staff_row.startswith(f"{number} 张伟 音视频部 ")
    assert staff_row.split()[-5] == "4.5"  # rest-day overtime hours
    assert whole.count("部门主管（签字、日期）") == 1  # the signatures close the file once
    assert outline_titles(reader) == ["音视频部", "信息部"]  # one entry per department


@pytest.mark.django_db
def test_the_grid_is_one_line_of_day_codes_per_person(november, parts):
    _export, reader = made(november.hr, "pdf", department=november.dept_a)
    whole = "\n".join(page_texts(reader))
    row = next(line for line in whole.splitlines() if line.startswith("张伟 "))
    codes = row.split()[1:]
    assert codes[:6] == ["休", "✓", "迟", "缺勤", "缺勤", "假"]  # 1st (Sunday) to 6th
    assert "1 2 3 4 5 6 7 8 9 10" in whole  # the day numbers above the codes


@pytest.mark.django_db
@pytest.mark.rule("R2.3-hr-supervises-attendance")
def test_the_detailed_sheet_shows_each_day_with_times_leave_and_overtime(november, parts):
    export, reader = made(november.hr, "detail")
    assert (export.kind, export.format) == ("attendance.detail", "pdf")
    assert export.file_name == "考勤明细-2026-11-全公司.pdf"
    texts = page_texts(reader)
    whole = "\n".join(texts)
    number = november.staff.profile.employee_no
    block = whole[whole.index(f"{number} 张伟") :]
    block = block[: re.search(r"出勤 \d+ 天 ·", block).start()]  # up to their summary line
    lines = {line.split()[0]: line for line in block.splitlines() if re.match(r"11-\d\d ", line)}
    assert len(lines) == 30
    assert re.search(r"09:20\s+18:05", lines["11-03"]) and "迟到" in lines["11-03"]
    assert "年休假" in lines["11-06"] and "1.0" in lines["11-06"]  # the leave day
    sunday = lines["11-14"]  # Saturday the 14th: rest day with filed overtime
    assert re.search(r"08:55\s+13:30", sunday)
    assert "09:00-13:00" in sunday and "4.5" in sunday and "休息日" in sunday
    assert "张伟" in whole and "出勤 2 天" in whole.replace("\n", "")
    count = len(texts)
    assert all(f"页码 {n} / {count}" in text for n, text in enumerate(texts, start=1))
    assert outline_titles(reader) == ["音视频部", "信息部"]


@pytest.mark.django_db
def test_the_detailed_sheet_is_offered_with_the_month_exports(cast, login):
    page = login(cast.hr).get("/attendance/exports/").content.decode()
    assert 'value="detail"' in page


def test_a_worker_that_dies_fails_the_whole_file(monkeypatch):
    import subprocess
    import sys

    from attendance.pdf import parallel

    def dying():  # reads the first byte of a part and exits without answering
        code = "import sys; sys.stdin.buffer.read(1)"
        return subprocess.Popen(
            [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )

    monkeypatch.setattr(parallel, "_start_worker", dying)
    with pytest.raises(RenderError, match="PDF worker"), Renderer(2) as renderer:
        renderer.render(["<p>一</p>", "<p>二</p>"])


def test_the_workers_answer_the_parts_in_order():
    with Renderer(2) as renderer:
        pdfs = renderer.render([f"<p>第 {n} 部分</p>" for n in range(5)])
    texts = [PdfReader(io.BytesIO(pdf)).pages[0].extract_text() for pdf in pdfs]
    assert texts == [f"第 {n} 部分" for n in range(5)]
