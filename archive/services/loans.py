"""Physical loans: request, approval, rejection, cancellation, hand-over and return with
the borrower's signature and the copy's label checked, and the receipt fixed at hand-over.

Lock order (``onsite.workflow``): the item (``LOAN.parent``), then the loan, then the
item's holds, then its copy.
"""

import base64
import hashlib

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from archive.choices import (
    LOAN,
    OPEN_LOAN_STATES,
    Condition,
    CopyStatus,
    LoanKind,
    LoanStatus,
    SignatureMethod,
    SignatureMoment,
)
from archive.conf import conf
from archive.models import Copy, Item, Loan, Signature
from archive.services.copies import check_copy_code, free_copy
from archive.services.holds import fulfil_hold, offer_next
from archive.services.items import ChecksumMismatch
from archive.terms import TERMS_TEXT, TERMS_VERSION
from onsite import audit
from onsite.middleware import current_ip
from onsite.names import display_name
from onsite.notifications import notify
from onsite.workflow import WorkflowError, lock


def _name(user):
    return display_name(user)


def has_overdue_loan(user, today=None):
    today = today or timezone.localdate()
    return Loan.objects.filter(
        borrower=user, status=LoanStatus.HANDED_OVER, return_by__lt=today
    ).exists()


def _loan_url(loan):
    return reverse("archive:loan_detail", args=[loan.pk])


def _overdue_refusal(user):
    if has_overdue_loan(user):
        return _("%(name)s has an overdue loan: it must be returned before borrowing again.") % {
            "name": _name(user)
        }
    return None


@LOAN.guard("approve")
@LOAN.guard("hand_over")
def _borrower_has_no_overdue_loan(loan, user, now):
    return _overdue_refusal(loan.borrower)


@LOAN.guard("approve")
def _a_copy_is_free(loan, user, now):
    if free_copy(loan.item_id, loan.borrower_id) is None:
        return _("No copy of this item is free: every copy is lent, reserved or kept.")
    return None


def request_loan(actor, item, *, purpose, needed_from, return_by):
    """A person who may see the item asks to borrow it; the leaders are asked to decide.

    Enforces R2.4-archive-borrow-request, R2.4-timely-return.
    """
    today = timezone.localdate()
    if needed_from < today:
        raise WorkflowError(_("The loan cannot start in the past."))
    if return_by < needed_from:
        raise WorkflowError(_("The return date must not be before the start date."))
    if (return_by - needed_from).days > conf.MAX_LOAN_DAYS:
        raise WorkflowError(_("A loan lasts at most %(days)s days.") % {"days": conf.MAX_LOAN_DAYS})

    def build():
        refusal = _overdue_refusal(actor)
        if refusal:
            raise WorkflowError(refusal)
        if Loan.objects.filter(
            item=item, borrower=actor, kind=LoanKind.PHYSICAL, status__in=OPEN_LOAN_STATES
        ).exists():
            raise WorkflowError(_("You already have an open request or loan of this item."))
        return Loan(
            item=item,
            borrower=actor,
            purpose=purpose,
            needed_from=needed_from,
            return_by=return_by,
        )

    def tell_leaders(loan):
        notify(
            list(item.collection.leaders.exclude(pk=actor.pk)),
            gettext_lazy("Loan request for %(item)s by %(borrower)s"),
            gettext_lazy("Please approve or reject the request."),
            _loan_url(loan),
            {"item": item.reference, "borrower": _name(actor)},
        )

    return LOAN.create(
        actor,
        "request",
        context=item,
        lock_first=[(Item, item.pk)],
        build=build,
        comment=purpose,
        notify=tell_leaders,
    )


@LOAN.implements("approve")
def approve_loan(actor, loan, comment=""):
    """The leader approves: one free copy is reserved for the borrower (never two loans).

    The item is locked first (``LOAN.parent``), so approvals of one item queue up; the
    partial unique constraint on active loans per copy holds even if they did not. A copy
    kept for the borrower by their hold is theirs; one kept for someone else is not lent.

    Enforces R2.4-archive-borrow-approval, R2.4-one-copy-one-loan.
    """

    def reserve(loan):
        loan.copy = free_copy(loan.item_id, loan.borrower_id)
        return ["copy"]

    def tell(loan):
        item = loan.item
        notify(
            [loan.borrower],
            gettext_lazy("Your loan of %(item)s was approved"),
            gettext_lazy("Collect copy %(copy)s from the custodian."),
            _loan_url(loan),
            {"item": item.reference, "copy": loan.copy.number},
        )
        notify(
            list(item.collection.custodians.all()),
            gettext_lazy("Loan of %(item)s approved: hand over to %(borrower)s"),
            "",
            _loan_url(loan),
            {"item": item.reference, "borrower": _name(loan.borrower)},
        )

    try:
        return LOAN.run(
            actor,
            loan,
            "approve",
            comment=comment,
            change=reserve,
            then=lambda loan: fulfil_hold(loan, actor),
            notify=tell,
        )
    except IntegrityError:
        raise WorkflowError(_("This copy was just reserved for another loan.")) from None


@LOAN.implements("reject")
def reject_loan(actor, loan, comment=""):
    """Enforces R2.4-archive-borrow-approval."""

    def tell(loan):
        notify(
            [loan.borrower],
            gettext_lazy("Your loan of %(item)s was rejected"),
            loan.decision_comment,
            _loan_url(loan),
            {"item": loan.item.reference},
        )

    return LOAN.run(actor, loan, "reject", comment=comment, notify=tell)


@LOAN.implements("cancel")
def cancel_loan(actor, loan, comment=""):
    """The borrower (or a custodian) cancels before hand-over; a reserved copy is freed
    (and kept for the first in the item's queue, if someone queues)."""
    reserved = []

    def release(loan):
        if loan.copy_id:
            reserved.append(loan.copy_id)

    def next_in_queue(loan):
        if reserved:
            offer_next(loan.item, actor=actor)

    def tell(loan):
        others = [u for u in loan.item.collection.leaders.all() if u.pk != actor.pk]
        if loan.borrower_id != actor.pk:
            others.append(loan.borrower)
        notify(
            others,
            gettext_lazy("Loan of %(item)s was cancelled"),
            comment,
            _loan_url(loan),
            {"item": loan.item.reference},
        )

    return LOAN.run(
        actor, loan, "cancel", comment=comment, change=release, then=next_in_queue, notify=tell
    )


def _sign(loan, moment, given):
    """Verify and store the borrower's signature (time and IP)."""
    image = given.verify(loan.borrower)
    return Signature.objects.create(
        loan=loan,
        moment=moment,
        method=given.method,
        signer=loan.borrower,
        image=image,
        signed_at=timezone.now(),
        ip=current_ip(),
    )


def _condition(condition):
    if condition not in Condition.values:
        raise WorkflowError(_("Record the condition of the copy."))
    return condition


@LOAN.implements("hand_over")
def hand_over_loan(actor, loan, *, copy_code, condition, signature, comment=""):
    """The custodian scans the reserved copy's label and hands it over; the borrower signs;
    a receipt is fixed. A label of another copy is refused before anything is saved.

    ``comment`` is the custodian's note on the hand-over (kept in the audit entry).

    Enforces R2.4-borrower-signs, R2.4-one-copy-one-loan.
    """
    signed = []

    def hand(loan):
        copy = lock(Copy, loan.copy_id)  # a child row, after its item and loan
        check_copy_code(copy_code, copy)
        if copy.status != CopyStatus.KEPT:
            raise WorkflowError(_("This copy was destroyed and cannot be lent."))
        loan.condition_out = _condition(condition)
        signed.append(_sign(loan, SignatureMoment.HAND_OVER, signature))
        loan.terms_version = TERMS_VERSION
        with translation.override(settings.LANGUAGE_CODE):
            loan.terms_text = str(TERMS_TEXT)
        return ["condition_out", "terms_version", "terms_text"]

    def tell(loan):
        notify(
            [loan.borrower],
            gettext_lazy("You received %(item)s; return it by %(date)s"),
            gettext_lazy("The signed receipt is kept with the loan."),
            _loan_url(loan),
            {"item": loan.item.reference, "date": loan.return_by.isoformat()},
        )

    return LOAN.run(
        actor,
        loan,
        "hand_over",
        comment=comment,
        change=hand,
        then=lambda loan: fix_receipt(loan, signed[0], actor),
        notify=tell,
    )


def fix_receipt(loan, signed, actor):
    """Render the receipt PDF, store it privately and keep its SHA-256 in the loan."""
    from onsite.pdf import render_pdf

    signature_src = ""
    if signed.image:
        signature_src = "data:image/png;base64," + base64.b64encode(signed.image).decode()
    with translation.override(settings.LANGUAGE_CODE):
        pdf = render_pdf(
            "archive/pdf/receipt.html",
            {"loan": loan, "signature": signed, "signature_src": signature_src},
            exported_by=actor,
        )
    loan.receipt_sha256 = hashlib.sha256(pdf).hexdigest()
    loan.receipt.save(f"receipt-{loan.pk}.pdf", ContentFile(pdf), save=False)
    loan.save(update_fields=["receipt", "receipt_sha256"])
    flow = "archive.digital_loan" if loan.is_digital else "archive.loan"
    audit.record(actor, f"{flow}.receipt", loan, comment=loan.receipt_sha256)


@LOAN.implements("return")
def return_loan(actor, loan, *, copy_code, condition, signature, comment=""):
    """The custodian scans the copy's label, takes it back and records its condition; the
    borrower signs. The copy then goes to the first in the item's queue, if any.

    ``comment`` is the note on the return, kept in the loan and the audit entry.

    Enforces R2.4-return-checked.
    """

    def take_back(loan):
        check_copy_code(copy_code, loan.copy)
        loan.condition_in = _condition(condition)
        loan.return_note = comment
        _sign(loan, SignatureMoment.RETURN, signature)
        return ["condition_in", "return_note"]

    def tell(loan):
        notify(
            [loan.borrower],
            gettext_lazy("Return of %(item)s confirmed"),
            "",
            _loan_url(loan),
            {"item": loan.item.reference},
        )

    return LOAN.run(
        actor,
        loan,
        "return",
        comment=comment,
        change=take_back,
        then=_back_on_the_shelf,
        notify=tell,
    )


def _back_on_the_shelf(loan):
    """The returned copy's condition is recorded; the first in the queue is offered it."""
    Copy.objects.filter(pk=loan.copy_id).update(condition=loan.condition_in)
    offer_next(loan.item, actor=loan.received_by)


def read_receipt(actor, loan):
    """The stored receipt, after checking it still matches the SHA-256 kept in the loan.

    Enforces R2.4-borrower-signs.
    """
    try:
        with loan.receipt.storage.open(loan.receipt.name, "rb") as handle:
            content = handle.read()
    except FileNotFoundError:
        content = b""
    if hashlib.sha256(content).hexdigest() != loan.receipt_sha256:
        audit.record(actor, "archive.loan.receipt_mismatch", loan, comment=loan.receipt_sha256)
        raise ChecksumMismatch(
            _("The receipt does not match its recorded checksum; it was not shown.")
        )
    audit.record(actor, "archive.loan.receipt_read", loan)
    return content


def record_refused_signing(actor, loan, method, error):
    """A refused hand-over or return (a wrong password, say) stays in the audit trail,
    worded in the portal's language: how the borrower signed, then why it was refused."""
    with translation.override(settings.LANGUAGE_CODE):
        how = dict(SignatureMethod.choices).get(method, "")
        text = str(error)
        comment = _("%(method)s: %(error)s") % {"method": how, "error": text} if how else text
    audit.record(actor, "archive.loan.signing_refused", loan, comment=comment)
