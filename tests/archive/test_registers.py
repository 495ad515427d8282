"""The loan register as PDF and Excel, scoped to the exporter, with footer and Chinese text."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from archive.choices import LoanStatus
from onsite.models import AuditEntry
from onsite.names import display_name
from tests.archive.factories import ItemFactory, make_loan

pytestmark = pytest.mark.django_db


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


def test_loan_register_pdf_renders_chinese_and_names_the_exporter(cast, loans, login):
    response = login(cast.custodian).get(reverse("archive:loan_register", kwargs={"fmt": "pdf"}))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "秘密录音" in text
    assert "他库录像" not in text
    exporter = display_name(cast.custodian)
    assert exporter in text.replace(" ", "")  # the footer names the exporter
    assert AuditEntry.objects.filter(action="archive.register.loans").exists()


def test_unknown_format_is_404(cast, login):
    response = login(cast.staff).get(reverse("archive:loan_register", kwargs={"fmt": "csv"}))
    assert response.status_code == 404


def test_a_pdf_too_long_for_a_request_is_refused_with_a_message(cast, arc, login, settings):
    settings.ARCHIVE_PDF_MAX_ROWS = 3
    client = login(cast.custodian)
    response = client.get(reverse("archive:item_register", kwargs={"fmt": "pdf"}))
    assert response.status_code == 302
    assert not AuditEntry.objects.filter(action="archive.register.items").exists()
    response = client.get(reverse("archive:item_register", kwargs={"fmt": "pdf"}), {"q": "秘密"})
    assert response["Content-Type"] == "application/pdf"  # a narrower search fits
    response = client.get(reverse("archive:item_register", kwargs={"fmt": "xlsx"}))
    assert response.status_code == 200  # Excel has no such limit
