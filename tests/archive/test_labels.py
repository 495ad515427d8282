"""Copy labels: a sheet of QR labels whose codes decode back to the right copies, scanned (or
typed) at hand-over, return and shelf audit; a wrong copy is refused with a clear message
before anything is saved."""

import io

import pytest
import zxingcpp
from django.urls import reverse
from pypdf import PdfReader

from archive import services
from archive.choices import AuditResult, LoanStatus
from archive.models import AuditLine, Copy, Loan, ShelfAudit, Signature
from onsite.models import AuditEntry
from onsite.signatures import SignatureInput
from onsite.workflow import WorkflowError
from tests.archive.factories import ItemFactory, make_loan
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def decoded_codes(pdf_bytes):
    """Every QR code of the PDF's images, decoded."""
    texts = []
    for page in PdfReader(io.BytesIO(pdf_bytes)).pages:
        for image in page.images:
            texts += [code.text for code in zxingcpp.read_barcodes(image.image.convert("L"))]
    return texts


@pytest.fixture
def two_copies(cast):
    return ItemFactory(
        collection=cast.collection,
        custodian=cast.custodian,
        classification=2,
        title="常委会录像",
        copies=2,
    )


def test_the_label_sheet_decodes_back_to_each_copy(cast, arc, two_copies, login):
    response = login(cast.custodian).get(
        reverse("archive:labels"), {"item": [two_copies.pk, arc.public.pk]}
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    codes = decoded_codes(response.content)
    expected = [copy.code for copy in Copy.objects.filter(item__in=[two_copies, arc.public])]
    assert sorted(codes) == sorted(expected) and len(codes) == 3
    assert Copy.objects.get(code=codes[0]).item in (two_copies, arc.public)
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert f"{two_copies.reference}-2" in text
    assert "常委会录像" not in text  # a label never shows the title


def test_labels_are_printed_by_the_custodians_of_their_own_collections(cast, login):
    elsewhere = ItemFactory(classification=0)
    response = login(cast.custodian).get(reverse("archive:labels"), {"item": [elsewhere.pk]})
    assert response.status_code == 200 and decoded_codes(response.content) == []
    assert login(cast.staff).get(reverse("archive:labels")).status_code == 403
    whole = login(cast.custodian).get(reverse("archive:labels"), {"collection": cast.collection.pk})
    assert (
        len(decoded_codes(whole.content))
        == Copy.objects.filter(item__collection=cast.collection).count()
    )


def _hand_over(client, loan, code):
    return client.post(
        reverse("archive:loan_hand_over", args=[loan.pk]),
        {"copy_code": code, "method": "password", "password": PASSWORD, "condition": "good"},
    )


@pytest.mark.rule("R2.4-one-copy-one-loan", "R2.4-borrower-signs")
def test_a_wrong_copy_scanned_at_hand_over_is_refused_before_anything_is_saved(
    cast, arc, two_copies, login
):
    loan = make_loan(two_copies, cast.staff, LoanStatus.APPROVED)
    reserved, other = two_copies.copies.order_by("number")
    assert loan.copy == reserved
    audits = AuditEntry.objects.count()
    client = login(cast.custodian)
    response = _hand_over(client, loan, other.code)
    assert response.status_code == 400
    page = response.content.decode()
    assert "档案份不符" in page and other.code in page and reserved.code in page
    response = _hand_over(client, loan, "NOPE-1")
    assert response.status_code == 400 and "没有编码为 NOPE-1 的档案份" in response.content.decode()
    loan.refresh_from_db()
    assert loan.status == LoanStatus.APPROVED and not loan.receipt
    assert not Signature.objects.exists()
    assert AuditEntry.objects.count() == audits  # nothing saved, not even a refusal

    response = _hand_over(client, loan, f" {reserved.code.lower()} ")  # as typed
    assert response.status_code == 302
    loan.refresh_from_db()
    assert loan.status == LoanStatus.HANDED_OVER


@pytest.mark.rule("R2.4-return-checked")
def test_a_wrong_copy_at_return_is_refused_and_the_service_checks_it_too(cast, two_copies, english):
    loan = make_loan(two_copies, cast.staff, LoanStatus.HANDED_OVER)
    other = two_copies.copies.get(number=2)
    signature = SignatureInput(method="password", password=PASSWORD)
    with pytest.raises(WorkflowError, match="Wrong copy"):
        services.return_loan(
            cast.custodian, loan, copy_code=other.code, condition="good", signature=signature
        )
    loan.refresh_from_db()
    assert loan.status == LoanStatus.HANDED_OVER and not Signature.objects.exists()
    services.return_loan(
        cast.custodian, loan, copy_code=loan.copy.code, condition="good", signature=signature
    )
    assert Loan.objects.get(pk=loan.pk).status == LoanStatus.RETURNED


@pytest.mark.rule("R2.4-periodic-archive-audit")
def test_scanning_at_the_shelf_audit_marks_the_copy_found_and_refuses_others(
    cast, arc, two_copies, login
):
    record = services.start_audit(cast.custodian, cast.collection)
    client = login(cast.custodian)
    url = reverse("archive:audit_scan", args=[record.pk])
    copy = two_copies.copies.get(number=2)
    response = client.post(url, {"code": copy.code}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and copy.code in response.content.decode()
    line = AuditLine.objects.get(audit=record, copy=copy)
    assert line.result == AuditResult.FOUND and line.checked_by == cast.custodian
    assert 'hx-swap-oob="true"' in response.content.decode()  # the row is updated in place

    elsewhere = ItemFactory(classification=0).copies.get()
    before = list(AuditLine.objects.values_list("pk", "result"))
    response = client.post(url, {"code": elsewhere.code}, HTTP_HX_REQUEST="true")
    assert "本库没有编码为" in response.content.decode()
    lent = make_loan(arc.internal, cast.staff, LoanStatus.HANDED_OVER).copy
    other_audit = ShelfAudit.objects.create(
        collection=cast.collection, location="B-09", started_by=cast.custodian
    )
    response = client.post(
        reverse("archive:audit_scan", args=[other_audit.pk]), {"code": lent.code}
    )
    assert response.status_code == 302  # without htmx: back to the audit, with the message
    assert list(AuditLine.objects.values_list("pk", "result")) == before
