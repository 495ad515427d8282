"""Items and their files: registering, editing the record, reading, uploading, destroying.

Registering and destroying an item are transitions of ``ITEM`` (the recipe). Editing the
record and uploading a file are not status moves: they are audited services that lock
the item's row (``onsite.workflow.lock``) like a transition would.
"""

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from archive.choices import (
    DIGITAL_LOAN,
    HOLD,
    ITEM,
    LOAN,
    OPEN_HOLD_STATES,
    CopyStatus,
    FileCheck,
    LoanKind,
    LoanStatus,
)
from archive.conf import conf
from archive.models import Collection, Copy, Hold, Item, ItemFile, Loan
from onsite import audit, uploads
from onsite.names import display_name
from onsite.notifications import notify
from onsite.permissions import require
from onsite.storage import sha256_of
from onsite.workflow import WorkflowError, lock


class ChecksumMismatch(WorkflowError):
    """The stored file no longer matches the SHA-256 taken when it was uploaded."""


def _pk(obj):
    return getattr(obj, "pk", obj)


def register_item(actor, collection, *, copies=1, **fields):
    """Register an item with its copies (numbered 1..n) in a collection the actor keeps.

    The collection is locked first (a collection before its items and audits), so an
    audit started at the same moment lists the new copies or not, never half of them.

    Enforces R2.4-archive-register, R2.4-recording-custodian.
    """

    def build():
        if copies < 1:
            raise WorkflowError(_("An item has at least one copy."))
        return Item(collection=collection, registered_by=actor, **fields)

    def number_copies(item):
        Copy.objects.bulk_create(
            [Copy(item=item, number=n, code=Copy.make_code(item, n)) for n in range(1, copies + 1)]
        )

    return ITEM.create(
        actor,
        "register",
        context=collection,
        lock_first=[(Collection, collection.pk)],
        build=build,
        then=number_copies,
    )


def _changes(item, changes):
    """Apply ``changes`` to ``item``; the list of "field: old → new" that changed."""
    diffs = []
    for name, value in changes.items():
        old = getattr(item, name)
        if old != value:
            setattr(item, name, value)
            old_text = getattr(old, "username", old)
            new_text = getattr(value, "username", value)
            diffs.append(f"{name}: {old_text} → {new_text}")
    return diffs


@transaction.atomic
def update_item(actor, item, changes):
    """Change an item's record; the audit entry lists old → new for each changed field.

    Not a status move: the item's row is locked (only that row) and the rule checked on
    the locked row. A change of custodian tells the old and the new custodian.

    Enforces R2.4-recording-custodian, R2.4-recording-location.
    """
    item = lock(Item, _pk(item))
    require(actor, "archive.edit_item", item)
    previous_custodian = item.custodian
    diffs = _changes(item, changes)
    if not diffs:
        return item
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
                "old": display_name(previous_custodian),
                "new": display_name(item.custodian),
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

    Not a status move: the item's row is locked (a file is the item's child).

    Enforces R2.4-recording-integrity.
    """
    item = lock(Item, _pk(item))
    require(actor, "archive.upload_file", item)
    uploads.check(uploaded, kinds=uploads.RECORDINGS, max_bytes=conf.MAX_UPLOAD_BYTES)
    digest = sha256_of(uploaded)
    record = ItemFile(
        item=item,
        original_name=uploaded.name[:200],
        size=uploaded.size,
        sha256=digest,
        uploaded_by=actor,
        verified_at=timezone.now(),  # read back below: the first integrity check
        last_check=FileCheck.INTACT,
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


def open_file(actor, item_file, *, loan=None):
    """Open a stored file for download after verifying its checksum; both outcomes audited.

    The caller checked who may open it (``digital.download``). A mismatch or a missing
    file refuses the download, is recorded and opens a discrepancy (the custodians are
    told at once). Returns (handle, the SHA-256 verified).

    Enforces R2.4-recording-integrity, R2.4-no-passing-on.
    """
    from archive.services.integrity import report_damaged_file

    if item_file.erased_at or not item_file.file:
        raise WorkflowError(_("This file was erased when the item was destroyed."))
    try:
        handle = item_file.file.storage.open(item_file.file.name, "rb")
    except FileNotFoundError:
        audit.record(actor, "archive.file.missing", item_file.item, comment=item_file.original_name)
        report_damaged_file(item_file, FileCheck.MISSING, item_file.original_name, actor=actor)
        raise ChecksumMismatch(_("The stored file is missing; the download was refused.")) from None
    actual = sha256_of(handle)
    if actual != item_file.sha256:
        handle.close()
        detail = f"{item_file.original_name}: {item_file.sha256} ≠ {actual}"
        audit.record(actor, "archive.file.checksum_mismatch", item_file.item, comment=detail)
        report_damaged_file(item_file, FileCheck.ALTERED, detail, actor=actor)
        raise ChecksumMismatch(
            _("The file does not match its recorded checksum; the download was refused.")
        )
    under = f" · {loan.number}" if loan else ""
    audit.record(
        actor,
        "archive.file.download",
        item_file.item,
        comment=f"{item_file.original_name}{under} · SHA-256 {actual}",
    )
    return handle, actual


@ITEM.guard("destroy")
def _no_copy_is_kept(item, user, now):
    kept = item.copies.filter(status=CopyStatus.KEPT).count()
    if kept:
        return _("%(count)s copies of this item are still kept.") % {"count": kept}
    return None


def waiting_requests(item_id):
    """The item's loans a destruction of the whole item closes: requests not decided yet
    (either kind, they hold no copy) and digital loans approved or open (their files go)."""
    return (
        Loan.objects.filter(item_id=item_id)
        .filter(
            Q(status=LoanStatus.REQUESTED)
            | Q(kind=LoanKind.DIGITAL, status__in=(LoanStatus.APPROVED, LoanStatus.ACCESS))
        )
        .order_by("pk")
    )


def open_holds(item_id):
    """The item's queue: holds waiting or keeping a copy."""
    return Hold.objects.filter(item_id=item_id, status__in=OPEN_HOLD_STATES).order_by("pk")


def _close_loan(actor, loan, reason):
    if loan.kind == LoanKind.PHYSICAL:
        return LOAN.run(actor, loan, "cancel", comment=reason)
    if loan.status != LoanStatus.ACCESS:
        return DIGITAL_LOAN.run(actor, loan, "cancel", comment=reason)
    move = "finish" if loan.borrower_id == actor.pk else "revoke"
    return DIGITAL_LOAN.run(actor, loan, move, comment=reason)


@ITEM.implements("destroy")
def destroy_item(actor, item, comment=""):
    """The last copy was destroyed: the item is closed, its stored files erased (their
    records and checksums stay), loan requests still waiting cancelled, digital loans
    ended and its queue closed.

    Done inside ``carry_out_destruction`` (which locked the item, its loans and holds
    before the copies); never offered as a button.

    Enforces R2.4-destroy-when-needed.
    """

    def close(item):
        _erase_files(item)
        reason = _("The item was destroyed.")
        for loan in waiting_requests(item.pk):
            _close_loan(actor, loan, reason)
        for hold in open_holds(item.pk):
            HOLD.run(actor, hold, "cancel", comment=reason)

    return ITEM.run(actor, item, "destroy", comment=comment, then=close)


def _erase_files(item):
    """Mark the item's files erased; the stored bytes go once the transaction commits."""
    now = timezone.now()
    for stored in item.files.filter(erased_at__isnull=True):
        name = stored.file.name
        stored.erased_at = now
        stored.save(update_fields=["erased_at"])
        if name:
            storage = stored.file.storage
            transaction.on_commit(lambda n=name, s=storage: s.delete(n))
