"""The receipts of a document as Excel, made in the background: the rows the requester may
follow, downloaded by them only."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from duties.models import DutiesExport
from onsite import exports
from onsite.choices import ExportState
from tests.duties.factories import DocumentFactory, make_receipt


@pytest.fixture
def document(cast):
    document = DocumentFactory(sender=cast.hr, title="安全检查通知")
    make_receipt(document, cast.staff, "objected")
    make_receipt(document, cast.supervisor, "accepted")
    make_receipt(document, cast.outsider)
    return document


def _rows(export):
    with export.file.storage.open(export.file.name, "rb") as handle:
        sheet = load_workbook(BytesIO(handle.read())).active
    return [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]


@pytest.mark.rule("R2.3-answer-documents")
def test_the_sender_gets_every_receipt_as_excel(cast, document, login):
    client = login(cast.hr)
    response = client.post(reverse("duties:receipts_export", args=[document.pk]))
    assert response.status_code == 302
    export = DutiesExport.objects.get(requested_by=cast.hr)
    assert exports.run("duties.DutiesExport", export.pk)
    export.refresh_from_db()
    assert export.state == ExportState.DONE and export.rows == 3 and len(export.sha256) == 64
    rows = _rows(export)
    assert [row[1] for row in rows] == ["张伟", rows[1][1], rows[2][1]]
    assert rows[0][6] == "本周人手不足，无法全部执行。"
    download = client.get(reverse("duties:export_download", args=[export.token]))
    assert download.status_code == 200
    assert (
        login(cast.staff).get(reverse("duties:export_download", args=[export.token])).status_code
        == 404
    )


def test_a_supervisors_export_holds_only_their_people(cast, document, login):
    login(cast.supervisor).post(reverse("duties:receipts_export", args=[document.pk]))
    export = DutiesExport.objects.get(requested_by=cast.supervisor)
    exports.run("duties.DutiesExport", export.pk)
    export.refresh_from_db()
    assert export.rows == 2  # staff and the supervisor, not the outsider of department B


def test_a_recipient_cannot_export_the_receipts(cast, document, login):
    response = login(cast.staff).post(reverse("duties:receipts_export", args=[document.pk]))
    assert response.status_code == 403
    assert not DutiesExport.objects.exists()
