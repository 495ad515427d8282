"""The registers as PDF and Excel, scoped to the exporter, with footer and Chinese text; long
PDFs made in the background through the core's export framework."""

import hashlib
import io
import os
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from archive import exports
from archive.choices import LoanStatus
from archive.models import RegisterExport
from onsite import exports as onsite_exports
from onsite.choices import ExportState
from onsite.models import AuditEntry, Notification
from onsite.names import display_name
from onsite.workflow import WorkflowError
from tests.archive.factories import ItemFactory, make_loan

pytestmark = pytest.mark.django_db
LABEL = RegisterExport._meta.label


@pytest.fixture
def loans(cast, arc):
    mine = make_loan(arc.secret, cast.staff, LoanStatus.HANDED_OVER)
    other_item = ItemFactory(title="他库录像")
    others = make_loan(other_item, cast.outsider, LoanStatus.REQUESTED)
    return mine, others


def _rows(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    return list(sheet.iter_rows(values_only=True))


def test_borrower_exports_only_their_loans(cast, loans, login):
    mine, others = loans
    response = login(cast.staff).get(reverse("archive:loan_register", kwargs={"fmt": "xlsx"}))
    rows = _rows(response)
    assert [row[0] for row in rows[1:]] == [mine.pk]
    assert rows[1][3] == "张伟"


def test_outsider_exports_their_own_loans_only(cast, loans, login):
    mine, others = loans
    rows = _rows(login(cast.outsider).get(reverse("archive:loan_register", kwargs={"fmt": "xlsx"})))
    assert [row[0] for row in rows[1:]] == [others.pk]


def test_overdue_shows_in_the_register(cast, loans, login, time_machine):
    time_machine.move_to(timezone.now() + timedelta(days=30))
    rows = _rows(
        login(cast.custodian).get(reverse("archive:loan_register", kwargs={"fmt": "xlsx"}))
    )
    assert rows[1][4] in ("Overdue", "已逾期")


def test_loan_register_pdf_renders_chinese_and_names_the_exporter(cast, loans):
    export = exports.queue_register(cast.custodian, "loans", {})
    assert onsite_exports.run(LABEL, export.pk) is True
    export.refresh_from_db()
    content = export.file.read()
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    assert "秘密录音" in text
    assert "他库录像" not in text
    exporter = display_name(cast.custodian)
    assert exporter in text.replace(" ", "")  # the footer names the exporter
    assert AuditEntry.objects.filter(action="archive.export.done").exists()


def test_unknown_format_is_404(cast, login):
    response = login(cast.staff).get(reverse("archive:loan_register", kwargs={"fmt": "csv"}))
    assert response.status_code == 404


def test_a_pdf_is_never_made_inside_a_request_and_a_get_queues_nothing(cast, arc, login):
    client = login(cast.staff)  # sees public, internal and secret: 3 rows
    url = reverse("archive:item_register", kwargs={"fmt": "pdf"})
    response = client.get(url, {"q": "录", "page": "2"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")  # a page offering it, no PDF
    page = response.content.decode()
    assert reverse("archive:register_queue", args=["items"]) in page
    assert 'name="q" value="录"' in page and 'name="page"' not in page
    assert not RegisterExport.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="archive.export.").exists()


def test_a_pdf_is_made_in_the_background_with_only_visible_rows(
    cast, arc, login, django_capture_on_commit_callbacks
):
    client = login(cast.staff)  # sees public, internal and secret: 3 rows
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(reverse("archive:register_queue", args=["items"]))
    assert response.url == reverse("archive:export_list")
    export = RegisterExport.objects.get()
    assert (export.requested_by, export.kind, export.state) == (
        cast.staff,
        "archive.items",
        "queued",
    )
    assert len(callbacks) == 1  # the Celery task is sent once the request commits
    assert AuditEntry.objects.filter(action="archive.export.queue", actor=cast.staff).exists()

    assert onsite_exports.run(LABEL, export.pk) is True
    assert onsite_exports.run(LABEL, export.pk) is False  # a second delivery does nothing
    export.refresh_from_db()
    assert export.state == "done" and export.rows == 3
    assert Notification.objects.filter(recipient=cast.staff, url=response.url).exists()

    response = client.get(reverse("archive:export_download", args=[export.token]))
    content = b"".join(response.streaming_content)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    assert "秘密录音" in text and "机密录像" not in text
    assert hashlib.sha256(content).hexdigest() == export.sha256
    assert AuditEntry.objects.filter(action="archive.export.download").exists()
    other = login(cast.custodian).get(reverse("archive:export_download", args=[export.token]))
    assert other.status_code == 404


def test_queueing_a_register_needs_a_post_and_a_known_kind(cast, login):
    client = login(cast.staff)
    assert client.get(reverse("archive:register_queue", args=["items"])).status_code == 405
    assert client.post(reverse("archive:register_queue", args=["visits"])).status_code == 404
    assert not RegisterExport.objects.exists()


def test_an_expired_export_is_refused_and_its_file_purged(cast, arc, time_machine):
    export = exports.queue_register(cast.staff, "items", {"q": "录"})
    onsite_exports.run(LABEL, export.pk)
    export.refresh_from_db()
    path = export.file.path
    time_machine.move_to(export.expires_at + timedelta(minutes=1))
    with pytest.raises(WorkflowError):
        onsite_exports.open_file(cast.staff, export)
    assert onsite_exports.purge_expired() == 1
    export.refresh_from_db()
    assert export.state == ExportState.EXPIRED
    assert not export.file and not os.path.exists(path)


def test_the_filters_are_kept_for_the_background_export(cast, arc):
    export = exports.queue_register(cast.staff, "items", {"q": "秘密", "page": "2"})
    assert export.params == {"q": "秘密"}
    onsite_exports.run(LABEL, export.pk)
    export.refresh_from_db()
    assert export.rows == 1


def test_excel_is_always_made_on_the_spot(cast, arc, login):
    response = login(cast.custodian).get(reverse("archive:item_register", kwargs={"fmt": "xlsx"}))
    assert response.status_code == 200
    assert not RegisterExport.objects.exists()


def test_the_sweep_makes_a_register_whose_task_was_lost(cast, arc, time_machine):
    time_machine.move_to("2026-12-01 09:00 +08:00")
    lost = exports.queue_register(cast.staff, "items", {})
    time_machine.move_to("2026-12-01 09:05 +08:00")
    fresh = exports.queue_register(cast.staff, "items", {})
    onsite_exports.sweep()
    lost.refresh_from_db()
    fresh.refresh_from_db()
    assert lost.state == "done" and lost.rows == 3
    assert fresh.state == "queued"  # its task may still be on its way


def test_the_owner_starts_a_failed_register_again(cast, arc, login):
    export = exports.queue_register(cast.staff, "items", {})
    RegisterExport.objects.filter(pk=export.pk).update(state=ExportState.FAILED, attempts=3)
    url = reverse("archive:export_retry", args=[export.token])
    assert login(cast.custodian).post(url).status_code == 404
    assert login(cast.staff).post(url).status_code == 302
    export.refresh_from_db()
    assert export.state == ExportState.QUEUED and export.attempts == 0
