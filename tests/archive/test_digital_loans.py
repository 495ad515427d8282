"""A digital file is borrowed like a tape: above the collection's direct-download level a
file opens only inside a digital loan's window (request → leader's approval → the
borrower signs the digital terms), every download is recorded with time, IP and SHA-256
under a name carrying the loan number, and revoking the loan or the clearance ends access
on the very next request."""

import hashlib
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from archive import services
from archive.choices import LoanKind, LoanStatus, SignatureMoment
from archive.models import CollectionAccess, FileDownload, Loan, Signature
from archive.terms import DIGITAL_TERMS_VERSION
from onsite.models import AuditEntry, Notification
from tests.archive.factories import make_digital_loan, make_file, make_loan
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

CONTENT = b"\x00\x01 classified recording " * 64
DIGEST = hashlib.sha256(CONTENT).hexdigest()


def _download(client, stored, **extra):
    return client.get(reverse("archive:file_download", args=[stored.pk]), **extra)


def _open_loan(arc, cast, days=7):
    stored = make_file(arc.secret, CONTENT)
    loan = make_digital_loan(arc.secret, cast.staff, LoanStatus.ACCESS, days=days)
    return stored, loan


@pytest.mark.rule("R2.4-no-passing-on", "R2.4-archive-borrow-approval")
def test_direct_download_is_refused_above_the_collections_level_and_allowed_at_or_below(
    cast, arc, login
):
    secret = make_file(arc.secret, CONTENT)
    public = make_file(arc.public, CONTENT)
    client = login(cast.staff)
    refused = _download(client, secret)
    assert refused.status_code == 302
    assert refused.url == reverse("archive:item_detail", args=[arc.secret.pk])
    assert not FileDownload.objects.exists()
    assert AuditEntry.objects.filter(
        action="archive.file.download_refused", actor=cast.staff
    ).exists()
    assert _download(client, public).status_code == 200  # 公开: the default direct level

    cast.collection.direct_download_level = 2  # the collection allows up to 秘密
    cast.collection.save()
    response = _download(client, secret)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == CONTENT
    direct = FileDownload.objects.get(item_file=secret)
    assert direct.loan is None and direct.sha256 == DIGEST


@pytest.mark.rule(
    "R2.4-archive-borrow-request",
    "R2.4-archive-borrow-approval",
    "R2.4-borrower-signs",
    "R2.4-no-passing-on",
)
def test_a_digital_loan_opens_the_file_for_its_window_and_not_after(cast, arc, login, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    stored = make_file(arc.secret, CONTENT)
    client = login(cast.staff)
    response = client.post(
        reverse("archive:digital_loan_request", args=[arc.secret.pk]),
        {"purpose": "核对纪要", "access_days": 5},
    )
    loan = Loan.objects.get()
    assert response.status_code == 302 and loan.kind == LoanKind.DIGITAL
    assert loan.status == LoanStatus.REQUESTED and loan.copy is None
    assert _download(client, stored).status_code == 302  # requested is not approved

    response = login(cast.leader).post(
        reverse("archive:digital_loan_action", args=[loan.pk, "approve"]),
        {"access_days": 3, "comment": "同意"},
    )
    assert response.status_code == 302
    loan.refresh_from_db()
    assert loan.status == LoanStatus.APPROVED and loan.access_days == 3
    client = login(cast.staff)
    assert _download(client, stored).status_code == 302  # approved is not signed

    response = client.post(
        reverse("archive:loan_sign", args=[loan.pk]),
        {"method": "password", "password": PASSWORD},
        REMOTE_ADDR="10.9.8.7",
    )
    assert response.status_code == 302
    loan.refresh_from_db()
    assert loan.status == LoanStatus.ACCESS
    assert loan.access_until - loan.access_from == timedelta(days=3)
    signed = Signature.objects.get(loan=loan)
    assert signed.moment == SignatureMoment.TERMS and signed.ip == "10.9.8.7"

    response = _download(client, stored, REMOTE_ADDR="10.9.8.7")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == CONTENT
    assert loan.number in response["Content-Disposition"]
    record = FileDownload.objects.get()
    assert (record.loan, record.user, record.ip) == (loan, cast.staff, "10.9.8.7")
    assert record.sha256 == DIGEST and record.file_name.startswith(loan.number)
    entry = AuditEntry.objects.get(action="archive.file.download")
    assert loan.number in entry.comment and DIGEST in entry.comment

    time_machine.move_to(loan.access_until + timedelta(seconds=1), tick=False)
    client = login(cast.staff)  # a new session: the idle one expired meanwhile
    ended = _download(client, stored)
    assert ended.status_code == 302  # the window ended by itself
    assert ended.url == reverse("archive:item_detail", args=[arc.secret.pk])
    assert FileDownload.objects.count() == 1
    assert services.end_digital_loans() == 1
    assert services.end_digital_loans() == 0  # once
    loan.refresh_from_db()
    assert loan.status == LoanStatus.ENDED
    assert AuditEntry.objects.filter(action="archive.digital_loan.end", actor=None).count() == 1
    ended = Notification.objects.filter(recipient=cast.staff, url=loan.get_absolute_url())
    assert ended.filter(title__contains=arc.secret.reference).count() == 3  # approved, open, ended


@pytest.mark.rule("R2.4-no-passing-on")
def test_revoking_the_loan_ends_access_on_the_very_next_request(cast, arc, login):
    stored, loan = _open_loan(arc, cast)
    staff = login(cast.staff)
    assert _download(staff, stored).status_code == 200
    response = login(cast.leader).post(
        reverse("archive:digital_loan_action", args=[loan.pk, "revoke"]),
        {"comment": "用途已完成"},
    )
    assert response.status_code == 302
    loan.refresh_from_db()
    assert loan.status == LoanStatus.REVOKED and loan.revoked_by == cast.leader
    staff = login(cast.staff)
    refused = _download(staff, stored)
    assert refused.status_code == 302 and refused.url == arc.secret.get_absolute_url()
    assert FileDownload.objects.count() == 1
    assert Notification.objects.filter(recipient=cast.staff, body="用途已完成").exists()


@pytest.mark.rule("R2.4-no-passing-on", "R2.4-classified-shown-to-granted-only")
def test_withdrawing_the_clearance_ends_access_on_the_very_next_request(cast, arc, login):
    stored, loan = _open_loan(arc, cast)
    client = login(cast.staff)
    assert _download(client, stored).status_code == 200
    CollectionAccess.objects.filter(user=cast.staff, collection=cast.collection).update(clearance=1)
    assert _download(client, stored).status_code == 404  # no longer sees the item at all
    CollectionAccess.objects.filter(user=cast.staff).delete()
    assert _download(client, stored).status_code == 404
    assert FileDownload.objects.count() == 1
    loan.refresh_from_db()
    assert loan.status == LoanStatus.ACCESS  # the loan stands; the clearance decides


@pytest.mark.rule("R2.4-borrower-signs")
def test_the_digital_terms_are_signed_by_the_borrower_and_fixed_in_a_receipt(cast, arc, login):
    from pypdf import PdfReader

    make_file(arc.secret, CONTENT)
    loan = make_digital_loan(arc.secret, cast.staff, LoanStatus.APPROVED, days=2)
    custodian_page = login(cast.custodian).get(reverse("archive:loan_sign", args=[loan.pk]))
    assert custodian_page.status_code == 403
    page = login(cast.staff).get(reverse("archive:loan_sign", args=[loan.pk]))
    assert page.status_code == 200 and "删除" in page.content.decode()
    from onsite.signatures import SignatureInput

    signature = SignatureInput(method="password", password=PASSWORD)
    services.sign_digital_terms(cast.staff, loan, signature=signature)
    loan.refresh_from_db()
    assert loan.terms_version == DIGITAL_TERMS_VERSION
    stored = loan.receipt.storage.open(loan.receipt.name, "rb").read()
    assert hashlib.sha256(stored).hexdigest() == loan.receipt_sha256
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(stored)).pages)
    assert DIGITAL_TERMS_VERSION in text and loan.number in text
    assert AuditEntry.objects.filter(action="archive.digital_loan.receipt").exists()


def test_the_custodian_sees_who_downloaded_what_and_when(cast, arc, login):
    stored, loan = _open_loan(arc, cast)
    _download(login(cast.staff), stored, REMOTE_ADDR="10.0.0.5")
    page = login(cast.custodian).get(reverse("archive:download_list"))
    assert page.status_code == 200
    content = page.content.decode()
    assert "张伟" in content and loan.number in content and "10.0.0.5" in content
    assert DIGEST in content
    detail = login(cast.custodian).get(reverse("archive:loan_detail", args=[loan.pk]))
    assert DIGEST in detail.content.decode()
    assert login(cast.staff).get(reverse("archive:download_list")).status_code == 403


def test_a_physical_loan_and_a_digital_one_offer_only_their_own_moves(cast, arc, login):
    make_file(arc.secret, CONTENT)
    physical = make_loan(arc.secret, cast.staff, LoanStatus.APPROVED)
    digital = make_digital_loan(arc.secret, cast.staff, LoanStatus.APPROVED)
    staff = login(cast.staff)
    assert 'data-action="sign"' in staff.get(digital.get_absolute_url()).content.decode()
    assert 'data-action="sign"' not in staff.get(physical.get_absolute_url()).content.decode()
    custodian = login(cast.custodian)
    page = custodian.get(digital.get_absolute_url()).content.decode()
    assert 'data-action="hand_over"' not in page
    assert 'data-action="hand_over"' in custodian.get(physical.get_absolute_url()).content.decode()


def test_a_digital_loan_is_asked_only_where_one_is_needed(cast, arc, login):
    make_file(arc.public, CONTENT)
    make_file(arc.secret, CONTENT)
    client = login(cast.staff)
    url = reverse("archive:digital_loan_request", args=[arc.public.pk])
    assert client.get(url).status_code == 403  # 公开: downloaded directly
    no_file = reverse("archive:digital_loan_request", args=[arc.internal.pk])
    assert client.get(no_file).status_code == 403
    secret = reverse("archive:digital_loan_request", args=[arc.secret.pk])
    assert client.get(secret).status_code == 200
    page = client.get(arc.secret.get_absolute_url()).content.decode()
    assert secret in page
    assert reverse("archive:file_download", args=[arc.secret.files.get().pk]) not in page


def test_the_access_window_is_bounded(cast, arc, login, settings):
    settings.ARCHIVE_MAX_DIGITAL_ACCESS_DAYS = 10
    make_file(arc.secret, CONTENT)
    response = login(cast.staff).post(
        reverse("archive:digital_loan_request", args=[arc.secret.pk]),
        {"purpose": "核对", "access_days": 11},
    )
    assert response.status_code == 200 and response.context["form"].errors
    assert not Loan.objects.exists()


def test_the_administrator_sets_a_collections_direct_download_level_by_its_label(cast, login):
    url = reverse("admin:archive_collection_change", args=[cast.collection.pk])
    page = login(cast.admin).get(url)
    assert page.status_code == 200
    assert '<option value="1">内部</option>' in page.content.decode()
