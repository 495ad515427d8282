"""The borrowing flow: request → approval → hand-over with signature → return; each illegal
move refused with a clear message; overdue borrowers blocked; the receipt fixed by SHA-256."""

import hashlib
import io
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from archive import services
from archive.choices import Condition, LoanStatus, SignatureMethod
from archive.models import Loan, Signature
from archive.terms import TERMS_VERSION
from onsite.models import AuditEntry, Notification
from onsite.signatures import SignatureInput
from onsite.workflow import WorkflowError
from tests.archive.conftest import png_signature
from tests.archive.factories import ItemFactory, make_loan
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _dates(days=7):
    today = timezone.localdate()
    return {"needed_from": today, "return_by": today + timedelta(days=days)}


def _drawn():
    return SignatureInput.from_data_url(png_signature())


def _code(loan):
    """The label of the loan's copy, as the custodian scans it."""
    return loan.copy.code if loan.copy_id else "COL-00000-0"


@pytest.mark.rule(
    "R2.4-archive-borrow-request",
    "R2.4-archive-borrow-approval",
    "R2.4-borrower-signs",
    "R2.4-return-checked",
)
def test_whole_loan_flow_through_the_pages(cast, arc, login):
    item = arc.secret
    client = login(cast.staff)
    today = timezone.localdate()
    response = client.post(
        reverse("archive:loan_request", args=[item.pk]),
        {
            "purpose": "整理会议纪要",
            "needed_from": today.isoformat(),
            "return_by": (today + timedelta(days=5)).isoformat(),
        },
    )
    loan = Loan.objects.get()
    assert response.status_code == 302
    assert loan.status == LoanStatus.REQUESTED and loan.borrower == cast.staff
    assert Notification.objects.filter(recipient=cast.leader, url__contains=str(loan.pk)).exists()

    client = login(cast.leader)
    response = client.post(
        reverse("archive:loan_action", args=[loan.pk, "approve"]), {"comment": "同意"}
    )
    assert response.status_code == 302
    loan.refresh_from_db()
    assert loan.status == LoanStatus.APPROVED and loan.copy.number == 1
    assert loan.decided_by == cast.leader and loan.decision_comment == "同意"

    client = login(cast.custodian)
    response = client.post(
        reverse("archive:loan_hand_over", args=[loan.pk]),
        {
            "copy_code": loan.copy.code,
            "method": "drawn",
            "signature": png_signature(),
            "condition": "good",
            "note": "附盒",
        },
        REMOTE_ADDR="10.1.2.3",
    )
    assert response.status_code == 302
    loan.refresh_from_db()
    assert loan.status == LoanStatus.HANDED_OVER
    assert loan.handed_over_by == cast.custodian and loan.condition_out == Condition.GOOD
    signed = Signature.objects.get(loan=loan, moment="hand_over")
    assert signed.method == SignatureMethod.DRAWN and signed.signer == cast.staff
    assert bytes(signed.image).startswith(b"\x89PNG") and signed.ip == "10.1.2.3"
    assert signed.signed_at is not None
    assert AuditEntry.objects.get(action="archive.loan.hand_over").comment == "附盒"

    response = client.post(
        reverse("archive:loan_return", args=[loan.pk]),
        {
            "copy_code": loan.copy.code.lower(),
            "method": "password",
            "password": PASSWORD,
            "condition": "worn",
            "note": "外壳划痕",
        },
    )
    assert response.status_code == 302
    loan.refresh_from_db()
    assert loan.status == LoanStatus.RETURNED and loan.received_by == cast.custodian
    assert loan.condition_in == Condition.WORN and loan.copy.condition == Condition.WORN
    assert Signature.objects.get(loan=loan, moment="return").method == SignatureMethod.PASSWORD

    trail = list(
        AuditEntry.objects.filter(object_id=str(loan.pk), action__startswith="archive.loan.")
        .order_by("id")
        .values_list("action", "to_state")
    )
    assert trail == [
        ("archive.loan.request", "requested"),
        ("archive.loan.approve", "approved"),
        ("archive.loan.hand_over", "handed_over"),
        ("archive.loan.receipt", ""),
        ("archive.loan.return", "returned"),
    ]


@pytest.mark.rule("R2.4-borrower-signs")
def test_receipt_fixes_terms_names_signature_and_its_sha256(cast, arc, login):
    from pypdf import PdfReader

    loan = services.request_loan(cast.staff, arc.secret, purpose="回放", **_dates())
    services.approve_loan(cast.leader, loan)
    services.hand_over_loan(
        cast.custodian, loan, copy_code=_code(loan), condition="good", signature=_drawn()
    )
    loan.refresh_from_db()
    assert loan.terms_version == TERMS_VERSION and loan.terms_text
    stored = loan.receipt.storage.open(loan.receipt.name, "rb").read()
    assert hashlib.sha256(stored).hexdigest() == loan.receipt_sha256

    response = login(cast.staff).get(reverse("archive:loan_receipt", args=[loan.pk]))
    assert response.status_code == 200
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert TERMS_VERSION in text
    assert arc.secret.title in text
    assert "张伟" in text
    assert AuditEntry.objects.filter(action="archive.loan.receipt_read", actor=cast.staff).exists()


@pytest.mark.rule("R2.4-borrower-signs")
def test_password_signature_must_be_the_borrowers(cast, arc, english):
    loan = services.request_loan(cast.staff, arc.secret, purpose="回放", **_dates())
    services.approve_loan(cast.leader, loan)
    wrong = SignatureInput(method=SignatureMethod.PASSWORD, password="not-it")
    with pytest.raises(WorkflowError, match="password"):
        services.hand_over_loan(
            cast.custodian, loan, copy_code=_code(loan), condition="good", signature=wrong
        )
    loan.refresh_from_db()
    assert loan.status == LoanStatus.APPROVED
    assert not Signature.objects.exists()


@pytest.mark.rule("R2.4-borrower-signs")
def test_empty_drawn_signature_is_refused_on_the_form(cast, arc, login):
    loan = make_loan(arc.secret, cast.staff, LoanStatus.APPROVED)
    response = login(cast.custodian).post(
        reverse("archive:loan_hand_over", args=[loan.pk]),
        {
            "copy_code": loan.copy.code,
            "method": "drawn",
            "signature": png_signature(blank=True),
            "condition": "good",
        },
    )
    assert response.status_code == 400
    assert "empty" in response.content.decode() or "签名框" in response.content.decode()
    loan.refresh_from_db()
    assert loan.status == LoanStatus.APPROVED


@pytest.mark.parametrize(
    ("status", "move"),
    [
        (LoanStatus.REQUESTED, "hand_over"),
        (LoanStatus.REQUESTED, "return"),
        (LoanStatus.APPROVED, "approve"),
        (LoanStatus.APPROVED, "return"),
        (LoanStatus.REJECTED, "approve"),
        (LoanStatus.REJECTED, "cancel"),
        (LoanStatus.HANDED_OVER, "cancel"),
        (LoanStatus.HANDED_OVER, "hand_over"),
        (LoanStatus.RETURNED, "return"),
        (LoanStatus.RETURNED, "approve"),
        (LoanStatus.CANCELLED, "approve"),
        (LoanStatus.CANCELLED, "hand_over"),
    ],
)
def test_illegal_transitions_are_refused_with_a_message(cast, arc, status, move):
    loan = make_loan(arc.secret, cast.staff, status)
    calls = {
        "approve": lambda: services.approve_loan(cast.leader, loan),
        "cancel": lambda: services.cancel_loan(cast.staff, loan),
        "hand_over": lambda: services.hand_over_loan(
            cast.custodian, loan, copy_code=_code(loan), condition="good", signature=_drawn()
        ),
        "return": lambda: services.return_loan(
            cast.custodian, loan, copy_code=_code(loan), condition="good", signature=_drawn()
        ),
    }
    with pytest.raises(WorkflowError) as error:
        calls[move]()
    assert str(error.value)
    loan.refresh_from_db()
    assert loan.status == status


def test_illegal_transition_through_the_page_shows_the_message(cast, arc, login):
    loan = make_loan(arc.secret, cast.staff, LoanStatus.REJECTED)
    response = login(cast.staff).post(reverse("archive:loan_action", args=[loan.pk, "cancel"]), {})
    assert response.status_code == 400
    assert "alert" in response.content.decode() or "errorlist" in response.content.decode()
    loan.refresh_from_db()
    assert loan.status == LoanStatus.REJECTED


@pytest.mark.rule("R2.4-archive-borrow-approval")
def test_only_the_leader_approves_and_never_their_own_request(cast, arc):
    loan = services.request_loan(cast.staff, arc.secret, purpose="回放", **_dates())
    for person in (cast.staff, cast.custodian, cast.outsider, cast.admin):
        with pytest.raises(PermissionDenied):
            services.approve_loan(person, loan)
    own = services.request_loan(cast.leader, arc.secret, purpose="回放", **_dates())
    with pytest.raises(PermissionDenied):
        services.approve_loan(cast.leader, own)


@pytest.mark.rule("R2.4-archive-borrow-approval")
def test_reject_needs_a_comment_and_tells_the_borrower(cast, arc):
    loan = services.request_loan(cast.staff, arc.secret, purpose="回放", **_dates())
    with pytest.raises(WorkflowError):
        services.reject_loan(cast.leader, loan, "  ")
    services.reject_loan(cast.leader, loan, "用途不明确")
    loan.refresh_from_db()
    assert loan.status == LoanStatus.REJECTED
    assert Notification.objects.filter(recipient=cast.staff, body="用途不明确").exists()


@pytest.mark.rule("R2.4-one-copy-one-loan")
def test_cancel_frees_the_reserved_copy(cast, arc, english):
    first = services.request_loan(cast.staff, arc.secret, purpose="回放", **_dates())
    second = services.request_loan(cast.custodian, arc.secret, purpose="回放", **_dates())
    services.approve_loan(cast.leader, first)
    with pytest.raises(WorkflowError, match="free"):
        services.approve_loan(cast.leader, second)
    services.cancel_loan(cast.staff, first, "不需要了")
    services.approve_loan(cast.leader, second)
    second.refresh_from_db()
    assert second.status == LoanStatus.APPROVED and second.copy.number == 1


@pytest.mark.rule("R2.4-one-copy-one-loan")
def test_two_copies_are_lent_to_two_borrowers(cast, arc):
    item = ItemFactory(collection=cast.collection, custodian=cast.custodian, copies=2)
    first = services.request_loan(cast.staff, item, purpose="回放", **_dates())
    second = services.request_loan(cast.custodian, item, purpose="回放", **_dates())
    services.approve_loan(cast.leader, first)
    services.approve_loan(cast.leader, second)
    first.refresh_from_db()
    second.refresh_from_db()
    assert {first.copy.number, second.copy.number} == {1, 2}


@pytest.mark.rule("R2.4-one-copy-one-loan")
def test_database_refuses_two_active_loans_of_one_copy(cast, arc):
    make_loan(arc.secret, cast.staff, LoanStatus.HANDED_OVER)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_loan(arc.secret, cast.custodian, LoanStatus.APPROVED)


@pytest.mark.rule("R2.4-timely-return")
def test_overdue_borrower_cannot_borrow_again_until_returned(cast, arc, time_machine, english):
    loan = services.request_loan(cast.staff, arc.secret, purpose="回放", **_dates(days=2))
    services.approve_loan(cast.leader, loan)
    services.hand_over_loan(
        cast.custodian, loan, copy_code=_code(loan), condition="good", signature=_drawn()
    )
    time_machine.move_to(timezone.now() + timedelta(days=4))
    with pytest.raises(WorkflowError, match="overdue"):
        services.request_loan(cast.staff, arc.public, purpose="再借", **_dates())
    services.return_loan(
        cast.custodian, loan, copy_code=_code(loan), condition="good", signature=_drawn()
    )
    again = services.request_loan(cast.staff, arc.public, purpose="再借", **_dates())
    assert again.status == LoanStatus.REQUESTED


def test_overdue_loans_are_flagged_in_my_loans(cast, arc, login, time_machine):
    loan = make_loan(arc.secret, cast.staff, LoanStatus.HANDED_OVER)
    time_machine.move_to(timezone.now() + timedelta(days=10))
    response = login(cast.staff).get(reverse("archive:my_loans"))
    assert loan in list(response.context["page"])
    assert "badge text-bg-danger" in response.content.decode()


def test_bad_dates_give_a_message_not_an_error(cast, arc, login):
    today = timezone.localdate()
    response = login(cast.staff).post(
        reverse("archive:loan_request", args=[arc.secret.pk]),
        {
            "purpose": "回放",
            "needed_from": today.isoformat(),
            "return_by": (today - timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Loan.objects.exists()


@pytest.mark.rule("R2.4-archive-borrow-request")
def test_staff_cannot_borrow_above_clearance(cast, arc, login):
    response = login(cast.staff).get(reverse("archive:loan_request", args=[arc.confidential.pk]))
    assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        services.request_loan(cast.staff, arc.confidential, purpose="x", **_dates())


def test_receipt_holds_the_drawn_signature_and_a_tampered_one_is_refused(cast, arc, login):
    from pypdf import PdfReader

    loan = services.request_loan(cast.staff, arc.secret, purpose="回放", **_dates())
    services.approve_loan(cast.leader, loan)
    services.hand_over_loan(
        cast.custodian, loan, copy_code=_code(loan), condition="good", signature=_drawn()
    )
    loan.refresh_from_db()
    content = loan.receipt.storage.open(loan.receipt.name, "rb").read()
    images = [image for page in PdfReader(io.BytesIO(content)).pages for image in page.images]
    assert len(images) == 1  # the drawn signature
    with loan.receipt.storage.open(loan.receipt.name, "wb") as handle:
        handle.write(content + b"%changed")
    response = login(cast.staff).get(reverse("archive:loan_receipt", args=[loan.pk]))
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="archive.loan.receipt_mismatch").exists()


def test_a_wrong_password_is_refused_and_recorded(cast, arc, login):
    loan = make_loan(arc.secret, cast.staff, LoanStatus.APPROVED)
    response = login(cast.custodian).post(
        reverse("archive:loan_hand_over", args=[loan.pk]),
        {
            "copy_code": loan.copy.code,
            "method": "password",
            "password": "guess",
            "condition": "good",
        },
    )
    assert response.status_code == 400
    loan.refresh_from_db()
    assert loan.status == LoanStatus.APPROVED
    entry = AuditEntry.objects.get(action="archive.loan.signing_refused")
    assert entry.actor == cast.custodian and entry.object_id == str(loan.pk)


def test_statuses_read_in_chinese_on_the_loan_page(cast, arc, login):
    loan = make_loan(arc.secret, cast.staff, LoanStatus.REQUESTED)
    response = login(cast.leader).get(reverse("archive:loan_detail", args=[loan.pk]))
    assert "已申请" in response.content.decode()  # not another app's "Requested"


@pytest.mark.rule("R2.4-archive-borrow-request")
def test_one_open_request_per_person_and_item(cast, arc):
    services.request_loan(cast.staff, arc.secret, purpose="回放", **_dates())
    with pytest.raises(WorkflowError):
        services.request_loan(cast.staff, arc.secret, purpose="再次", **_dates())
    assert Loan.objects.count() == 1


def test_leader_rejects_through_the_page(cast, arc, login):
    loan = services.request_loan(cast.staff, arc.secret, purpose="回放", **_dates())
    client = login(cast.leader)
    url = reverse("archive:loan_action", args=[loan.pk, "reject"])
    assert client.post(url, {"comment": ""}).status_code == 400
    assert client.post(url, {"comment": "用途与工作无关"}).status_code == 302
    loan.refresh_from_db()
    assert loan.status == LoanStatus.REJECTED and loan.decision_comment == "用途与工作无关"


def test_borrower_cancels_a_request_through_the_page(cast, arc, login):
    loan = services.request_loan(cast.staff, arc.secret, purpose="回放", **_dates())
    response = login(cast.staff).post(reverse("archive:loan_action", args=[loan.pk, "cancel"]), {})
    assert response.status_code == 302
    loan.refresh_from_db()
    assert loan.status == LoanStatus.CANCELLED
    assert Notification.objects.filter(recipient=cast.leader, title__contains="取消").exists()
