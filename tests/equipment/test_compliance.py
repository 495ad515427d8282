"""Compliance of a known month: inspections on time / late / missed / open and fault response
and fix times against the site's targets; the page's table and chart; Excel and PDF exports."""

import io
from datetime import date

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from equipment import compliance, services
from equipment.models import EquipmentExport, Inspection, ServiceTarget
from onsite import exports
from tests.equipment.factories import make_plan
from tests.equipment.helpers import at, lines_for


def _record(cast, plan, done):
    inspection = Inspection.objects.get(plan=plan, status="due")
    services.record_inspection(cast.staff, inspection, lines=lines_for(inspection), now=done)


@pytest.fixture
def december(cast, eq):
    """A weekly plan in December 2026 and three faults (one in November)."""
    ServiceTarget.objects.create(site=cast.site, response_minutes=30, fix_hours=4)
    weekly = make_plan(
        cast.admin,
        [eq.mixer],
        venue=cast.venue,
        frequency="weekly",
        starts_on=date(2026, 12, 1),
        title="周检",
    )
    _record(cast, weekly, at(date(2026, 12, 1), 16))  # due 1 Dec: on time
    _record(cast, weekly, at(date(2026, 12, 10)))  # due 8 Dec: late
    _record(cast, weekly, at(date(2026, 12, 22), 9))  # due 15 Dec: late; 22 Dec is due
    with time_machine.travel(at(date(2026, 12, 23)), tick=False):
        services.miss_inspection(
            cast.manager, Inspection.objects.get(plan=weekly, status="due"), comment="停电"
        )
    # 29 December stays open. The monthly plan of eq (due 1 Dec) is recorded on time too.
    _record(cast, eq.plan, at(date(2026, 12, 1), 11))

    def fault(reported, responded, fixed):
        found = services.report_fault(
            cast.staff, eq.mixer, title="故障", client_reported_at=reported, now=reported
        )
        services.respond_to_fault(cast.staff, found, now=responded)
        services.fix_fault(cast.staff, found, comment="已修复", now=fixed)

    fault(at(date(2026, 12, 3), 9), at(date(2026, 12, 3), 9, 20), at(date(2026, 12, 3), 11))
    fault(at(date(2026, 12, 5), 10), at(date(2026, 12, 5), 11), at(date(2026, 12, 5), 16, 30))
    fault(at(date(2026, 11, 20), 10), at(date(2026, 11, 20), 10, 5), at(date(2026, 11, 20), 10, 30))
    return weekly


@pytest.mark.rule("R2.1-faults-cleared-quickly", "R2.4-venue-inspection")
def test_a_known_month_gives_its_figures(cast, december):
    rows = compliance.month_rows(cast.supervisor, date(2026, 12, 1))
    assert len(rows) == 1
    row = rows[0]
    assert row.venue == cast.venue
    assert (row.on_time, row.late, row.missed, row.open) == (2, 2, 1, 1)
    assert (row.faults, row.responded, row.fixed) == (2, 2, 2)
    assert (row.average_response, row.response_within, row.response_target) == (40, 1, 30)
    assert (row.average_fix, row.fix_within, row.fix_target) == (255, 1, 4)
    november = compliance.month_rows(cast.supervisor, date(2026, 11, 1))
    assert [(r.faults, r.average_response) for r in november] == [(1, 5)]


def test_others_do_not_see_the_figures(cast, december, login):
    assert compliance.month_rows(cast.outsider, date(2026, 12, 1)) == []
    assert login(cast.staff).get(reverse("equipment:compliance")).status_code == 403


def test_the_page_shows_the_table_and_an_inline_chart(cast, december, login):
    response = login(cast.manager).get(reverse("equipment:compliance"), {"month": "2026-12"})
    page = response.content.decode()
    assert response.status_code == 200
    main = page.split("<main")[1].split("</main>")[0]
    assert "<svg" in main and 'data-testid="chart"' in main and "<script" not in main
    assert response.context["rows"][0].late == 2


def test_the_month_exports_as_excel_and_pdf_for_its_owner_only(cast, december, login):
    client = login(cast.supervisor)
    for fmt in ("xlsx", "pdf"):
        client.post(reverse("equipment:compliance_export", args=[fmt]), {"month": "2026-12"})
    made = {e.format: e for e in EquipmentExport.objects.all()}
    for export in made.values():
        assert exports.run("equipment.EquipmentExport", export.pk)
        export.refresh_from_db()
    sheet = load_workbook(io.BytesIO(made["xlsx"].file.read())).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[1][:7] == (cast.site.name, cast.venue.name, 2, 2, 1, 1, 2)
    text = PdfReader(io.BytesIO(made["pdf"].file.read())).pages[0].extract_text()
    assert cast.venue.name in text and "2026-12" in text
    download = reverse("equipment:export_download", args=[made["pdf"].token])
    assert client.get(download).status_code == 200
    assert login(cast.manager).get(download).status_code == 404
