"""Every state change of the archive: permission → transaction and row lock → change → audit
→ notification. Views call these and turn ``WorkflowError`` into a message."""

import base64
import hashlib

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from archive.choices import (
    ACTIVE_LOAN_STATES,
    DESTRUCTION,
    DISCREPANCY,
    DISCREPANCY_RESULTS,
    LOAN,
    OPEN_LOAN_STATES,
    SHELF_AUDIT,
    AuditResult,
    AuditStatus,
    Condition,
    CopyStatus,
    DiscrepancyStatus,
    ItemStatus,
    LoanStatus,
    SignatureMoment,
)
from archive.conf import conf
from archive.models import (
    AuditLine,
    Collection,
    Copy,
    Destruction,
    Discrepancy,
    Item,
    ItemFile,
    Loan,
    ShelfAudit,
    Signature,
)
from archive.storage import sha256_of
from archive.terms import TERMS_TEXT, TERMS_VERSION
from onsite import audit
from onsite.middleware import current_ip
from onsite.names import display_name
from onsite.notifications import notify
from onsite.permissions import require
from onsite.workflow import WorkflowError, lock


def _pk(obj):
    return getattr(obj, "pk", obj)


def _name(user):
    return display_name(user)


# --- Items and files ------------------------------------------------------------------
@transaction.atomic
def register_item(actor, collection, *, copies=1, **fields):
    """Register an item with its copies (numbered 1..n) in a collection the actor keeps.

    Enforces R2.4-archive-register, R2.4-recording-custodian.
    """
    require(actor, "archive.register_item", collection)
    if copies < 1:
        raise WorkflowError(_("An item has at least one copy."))
    item = Item.objects.create(collection=collection, registered_by=actor, **fields)
    Copy.objects.bulk_create([Copy(item=item, number=n) for n in range(1, copies + 1)])
    audit.record(actor, "archive.item.register", item, to_state=item.status)
    return item


@transaction.atomic
def update_item(actor, item, changes):
    """Change an item's record; the audit entry lists old → new for each changed field.

    Enforces R2.4-recording-custodian, R2.4-recording-location.
    """
    item = lock(Item, _pk(item))
    require(actor, "archive.edit_item", item)
    previous_custodian = item.custodian
    diffs = []
    for name, value in changes.items():
        old = getattr(item, name)
        if old != value:
            setattr(item, name, value)
            old_text = getattr(old, "username", old)
            new_text = getattr(value, "username", value)
            diffs.append(f"{name}: {old_text} → {new_text}")
    if diffs:
        item.save(update_fields=list(changes))
        audit.record(actor, "archive.item.edit", item, comment="; ".join(diffs))
        if item.custodian_id != previous_custodian.pk:
            notify(
                [item.custodian, previous_custodian],
                gettext_lazy("Custody of %(item)s passed from %(old)s to %(new)s"),
                "",
                reverse("archive:item_detail", args=[item.pk]),
                {
                    "item": item.reference,
                    "old": _name(previous_custodian),
                    "new": _name(item.custodian),
                },
            )
    return item


def record_item_view(actor, item):
    """A read of a classified item's page goes to the audit trail.

    Enforces R2.4-classified-shown-to-granted-only.
    """
    if item.classification >= conf.AUDITED_READ_LEVEL:
        audit.record(actor, "archive.item.view", item)


@transaction.atomic
def add_file(actor, item, uploaded):
    """Store an uploaded file privately with its SHA-256; the stored copy is read back and
    must give the same digest, or nothing is kept.

    Enforces R2.4-recording-integrity.
    """
    item = lock(Item, _pk(item))
    require(actor, "archive.upload_file", item)
    if uploaded.size > conf.MAX_UPLOAD_BYTES:
        raise WorkflowError(
            _("The file is larger than %(size)s.") % {"size": filesizeformat(conf.MAX_UPLOAD_BYTES)}
        )
    digest = sha256_of(uploaded)
    record = ItemFile(
        item=item,
        original_name=uploaded.name[:200],
        size=uploaded.size,
        sha256=digest,
        uploaded_by=actor,
    )
    record.file.save(uploaded.name, uploaded, save=False)
    storage, name = record.file.storage, record.file.name
    with storage.open(name, "rb") as stored:
        if sha256_of(stored) != digest:
            storage.delete(name)
            raise WorkflowError(_("The file was not stored intact; please upload it again."))
    record.save()
    audit.record(actor, "archive.file.upload", item, comment=f"{record.original_name} {digest}")
    return record


class ChecksumMismatch(WorkflowError):
    """The stored file no longer matches the SHA-256 taken when it was uploaded."""


def open_file(actor, item_file):
    """Open a stored file for download after verifying its checksum; both outcomes audited.

    The caller fetched ``item_file`` through ``visible()``; a mismatch or a missing file
    refuses the download and is recorded.

    Enforces R2.4-recording-integrity, R2.4-no-passing-on.
    """
    if item_file.erased_at or not item_file.file:
        raise WorkflowError(_("This file was erased when the item was destroyed."))
    try:
        handle = item_file.file.storage.open(item_file.file.name, "rb")
    except FileNotFoundError:
        audit.record(actor, "archive.file.missing", item_file.item, comment=item_file.original_name)
        raise ChecksumMismatch(_("The stored file is missing; the download was refused.")) from None
    actual = sha256_of(handle)
    if actual != item_file.sha256:
        handle.close()
        audit.record(
            actor,
            "archive.file.checksum_mismatch",
            item_file.item,
            comment=f"{item_file.original_name}: {item_file.sha256} ≠ {actual}",
        )
        _tell_custodians(
            item_file.item,
            gettext_lazy("Checksum mismatch on a file of %(item)s"),
            gettext_lazy("The download was refused. Check the stored copy."),
        )
        raise ChecksumMismatch(
            _("The file does not match its recorded checksum; the download was refused.")
        )
    audit.record(actor, "archive.file.download", item_file.item, comment=item_file.original_name)
    return handle


def _tell_custodians(item, title, body):
    notify(
        list(item.collection.custodians.all()),
        title,
        body,
        reverse("archive:item_detail", args=[item.pk]),
        {"item": item.reference},
    )


# --- Loans ----------------------------------------------------------------------------
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
    if _free_copy(loan.item_id) is None:
        return _("No copy of this item is free: every copy is lent or reserved.")
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
        if Loan.objects.filter(item=item, borrower=actor, status__in=OPEN_LOAN_STATES).exists():
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


def _free_copy(item_id):
    return (
        Copy.objects.filter(item_id=item_id, status=CopyStatus.KEPT)
        .exclude(loans__status__in=ACTIVE_LOAN_STATES)
        .exclude(
            pk__in=Discrepancy.objects.filter(
                status=DiscrepancyStatus.OPEN, kind=AuditResult.MISSING
            ).values("copy_id")
        )
        .order_by("number")
        .first()
    )


@LOAN.implements("approve")
def approve_loan(actor, loan, comment=""):
    """The leader approves: one free copy is reserved for the borrower (never two loans).

    The item is locked first (``LOAN.parent``), so approvals of one item queue up; the
    partial unique constraint on active loans per copy holds even if they did not.

    Enforces R2.4-archive-borrow-approval, R2.4-one-copy-one-loan.
    """

    def reserve(loan):
        loan.copy = _free_copy(loan.item_id)
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
        return LOAN.run(actor, loan, "approve", comment=comment, change=reserve, notify=tell)
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
    """The borrower (or a custodian) cancels before hand-over; a reserved copy is freed."""

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

    return LOAN.run(actor, loan, "cancel", comment=comment, notify=tell)


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
def hand_over_loan(actor, loan, *, condition, signature, note=""):
    """The custodian hands the reserved copy over; the borrower signs; a receipt is fixed.

    Enforces R2.4-borrower-signs, R2.4-one-copy-one-loan.
    """
    signed = []

    def hand(loan):
        copy = lock(Copy, loan.copy_id)  # a child row, after its item and loan
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
        comment=note,
        change=hand,
        then=lambda loan: _fix_receipt(loan, signed[0], actor),
        notify=tell,
    )


def _fix_receipt(loan, signed, actor):
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
    audit.record(actor, "archive.loan.receipt", loan, comment=loan.receipt_sha256)


@LOAN.implements("return")
def return_loan(actor, loan, *, condition, signature, note=""):
    """The custodian takes the copy back and records its condition; the borrower signs.

    Enforces R2.4-return-checked.
    """

    def take_back(loan):
        loan.condition_in = _condition(condition)
        loan.return_note = note
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
        comment=note,
        change=take_back,
        then=lambda loan: Copy.objects.filter(pk=loan.copy_id).update(condition=condition),
        notify=tell,
    )


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
    """A refused hand-over or return (a wrong password, say) stays in the audit trail."""
    audit.record(actor, "archive.loan.signing_refused", loan, comment=f"{method}: {error}")


# --- Destruction ----------------------------------------------------------------------
def propose_destruction(actor, item, *, copy=None, reason, method, witness, planned_on):
    """The custodian proposes destroying a copy (or the whole item) before a witness.

    Enforces R2.4-destruction-approval, R2.4-destruction-witnessed.
    """
    if copy is not None and (copy.item_id != item.pk or copy.status != CopyStatus.KEPT):
        raise WorkflowError(_("Choose a kept copy of this item."))
    if witness.pk == actor.pk:
        raise WorkflowError(_("The witness must be another person."))

    def build():
        return Destruction(
            item=item,
            copy=copy,
            reason=reason,
            method=method,
            witness=witness,
            planned_on=planned_on,
            proposed_by=actor,
        )

    def tell(record):
        notify(
            list(item.collection.leaders.exclude(pk=actor.pk)),
            gettext_lazy("Destruction of %(item)s proposed"),
            gettext_lazy("Please approve or reject the destruction."),
            reverse("archive:destruction_detail", args=[record.pk]),
            {"item": item.reference},
        )

    return DESTRUCTION.create(
        actor,
        "propose",
        context=item,
        lock_first=[(Item, item.pk)],
        build=build,
        comment=reason,
        notify=tell,
    )


def _tell_proposer(record):
    notify(
        [record.proposed_by],
        gettext_lazy("Destruction of %(item)s: %(decision)s"),
        record.decision_comment,
        reverse("archive:destruction_detail", args=[record.pk]),
        {"item": record.item.reference, "decision": record.get_status_display()},
    )


@DESTRUCTION.implements("approve")
def approve_destruction(actor, record, comment=""):
    """Enforces R2.4-destruction-approval."""
    return DESTRUCTION.run(actor, record, "approve", comment=comment, notify=_tell_proposer)


@DESTRUCTION.implements("reject")
def reject_destruction(actor, record, comment=""):
    """Enforces R2.4-destruction-approval."""
    return DESTRUCTION.run(actor, record, "reject", comment=comment, notify=_tell_proposer)


@DESTRUCTION.implements("carry_out")
def carry_out_destruction(actor, record, *, destroyed_on, witness_statement, witness_password):
    """Record the witnessed destruction; copies (and files) go, the records stay.

    The witness confirms in person by entering their own password (time and IP kept).
    Lock order: the item (``DESTRUCTION.parent``), the destruction, then the copies.

    Enforces R2.4-destroy-when-needed, R2.4-destruction-approval, R2.4-destruction-witnessed.
    """
    if not witness_statement.strip():
        raise WorkflowError(_("The witness statement is required."))

    def destroy(record):
        if not witness_password or not record.witness.check_password(witness_password):
            raise WorkflowError(_("The witness's password is not correct."))
        copies = Copy.objects.select_for_update(of=("self",)).filter(
            item_id=record.item_id, status=CopyStatus.KEPT
        )
        if record.copy_id:
            copies = copies.filter(pk=record.copy_id)
        copy_ids = [c.pk for c in copies]
        if Loan.objects.filter(copy_id__in=copy_ids, status__in=ACTIVE_LOAN_STATES).exists():
            raise WorkflowError(_("A copy to destroy is reserved or on loan; take it back first."))
        Copy.objects.filter(pk__in=copy_ids).update(status=CopyStatus.DESTROYED)
        record.carried_out_by = actor
        record.destroyed_on = destroyed_on
        record.witness_statement = witness_statement
        record.witness_confirmed_at = timezone.now()
        record.witness_ip = current_ip()
        return [
            "carried_out_by",
            "destroyed_on",
            "witness_statement",
            "witness_confirmed_at",
            "witness_ip",
        ]

    def close_item(record):
        if not Copy.objects.filter(item_id=record.item_id, status=CopyStatus.KEPT).exists():
            _destroy_item(actor, record.item)

    return DESTRUCTION.run(
        actor, record, "carry_out", comment=witness_statement, change=destroy, then=close_item
    )


def _destroy_item(actor, item):
    """Every copy is gone: erase the stored files (their records and checksums stay)."""
    now = timezone.now()
    for stored in item.files.filter(erased_at__isnull=True):
        name = stored.file.name
        stored.erased_at = now
        stored.save(update_fields=["erased_at"])
        if name:
            storage = stored.file.storage
            transaction.on_commit(lambda n=name, s=storage: s.delete(n))
    old = item.status
    item.status = ItemStatus.DESTROYED
    item.save(update_fields=["status"])
    audit.record(actor, "archive.item.destroy", item, from_state=old, to_state=item.status)
    for cancelled in Loan.objects.filter(item=item, status=LoanStatus.REQUESTED):
        LOAN.run(actor, cancelled, "cancel", comment=_("The item was destroyed."))


# --- Shelf audits ---------------------------------------------------------------------
def start_audit(actor, collection, location=""):
    """List every kept copy expected at the location; copies on loan are marked so.

    Enforces R2.4-periodic-archive-audit, R2.4-recording-location.
    """
    location = location.strip()

    def build():
        if ShelfAudit.objects.filter(
            collection=collection, location=location, status=AuditStatus.OPEN
        ).exists():
            raise WorkflowError(_("An audit of this location is already in progress."))
        return ShelfAudit(collection=collection, location=location, started_by=actor)

    return SHELF_AUDIT.create(
        actor,
        "start",
        context=collection,
        lock_first=[(Collection, collection.pk)],
        build=build,
        then=_list_expected_copies,
    )


def _list_expected_copies(record):
    copies = Copy.objects.filter(
        item__collection=record.collection, item__status=ItemStatus.KEPT, status=CopyStatus.KEPT
    ).select_related("item")
    if record.location:
        copies = copies.filter(item__location=record.location)
    on_loan = set(
        Loan.objects.filter(copy__in=copies, status=LoanStatus.HANDED_OVER).values_list(
            "copy_id", flat=True
        )
    )
    now = timezone.now()
    AuditLine.objects.bulk_create(
        [
            AuditLine(
                audit=record,
                copy=copy,
                expected_location=copy.item.location,
                result=AuditResult.ON_LOAN if copy.pk in on_loan else AuditResult.PENDING,
                checked_at=now if copy.pk in on_loan else None,
            )
            for copy in copies
        ]
    )


CHECK_RESULTS = (
    AuditResult.FOUND,
    AuditResult.MISSING,
    AuditResult.DAMAGED,
    AuditResult.MISPLACED,
)


@transaction.atomic
def mark_audit_line(actor, line, result, note=""):
    """One copy checked on the shelf (not a transition of the audit: its line changes).

    Enforces R2.4-periodic-archive-audit.
    """
    line = lock(AuditLine, line.pk)
    record = line.audit
    require(actor, "archive.complete_audit", record)
    if record.status != AuditStatus.OPEN:
        raise WorkflowError(_("This audit is completed; it cannot be changed."))
    if result not in CHECK_RESULTS:
        raise WorkflowError(_("Choose found, missing, damaged or misplaced."))
    if result == AuditResult.MISPLACED and not note.strip():
        raise WorkflowError(_("Say where the copy was found."))
    old = line.result
    line.result = result
    line.note = note
    line.checked_by = actor
    line.checked_at = timezone.now()
    line.save(update_fields=["result", "note", "checked_by", "checked_at"])
    audit.record(
        actor, "archive.audit.check", line.copy.item, from_state=old, to_state=result, comment=note
    )
    return line


@SHELF_AUDIT.guard("complete")
def _every_copy_checked(record, user, now):
    pending = record.lines.filter(result=AuditResult.PENDING).count()
    if pending:
        return _("%(count)s copies are not checked yet.") % {"count": pending}
    return None


@SHELF_AUDIT.implements("complete")
def complete_audit(actor, record, comment=""):
    """Close the audit; every missing, damaged or misplaced copy opens a discrepancy.

    Enforces R2.4-periodic-archive-audit, R2.4-discrepancies-resolved.
    """
    found = []

    def open_discrepancies(record):
        lines = list(record.lines.filter(result__in=DISCREPANCY_RESULTS).select_related("copy"))
        Discrepancy.objects.bulk_create(
            [Discrepancy(line=line, copy=line.copy, kind=line.result) for line in lines]
        )
        damaged = [line.copy_id for line in lines if line.result == AuditResult.DAMAGED]
        Copy.objects.filter(pk__in=damaged).update(condition=Condition.DAMAGED)
        found.extend(lines)

    def tell(record):
        if found:
            notify(
                list(record.collection.leaders.all()) + list(record.collection.custodians.all()),
                gettext_lazy("Audit of %(collection)s found %(count)s discrepancies"),
                gettext_lazy("They stay open until the custodian resolves them."),
                reverse("archive:audit_detail", args=[record.pk]),
                {"collection": record.collection.code, "count": len(found)},
            )

    return SHELF_AUDIT.run(
        actor, record, "complete", comment=comment, then=open_discrepancies, notify=tell
    )


@DISCREPANCY.implements("resolve")
def resolve_discrepancy(actor, discrepancy, comment=""):
    """The custodian says how a discrepancy was resolved (found, repaired, reported lost…).

    Enforces R2.4-discrepancies-resolved.
    """
    return DISCREPANCY.run(actor, discrepancy, "resolve", comment=comment)
