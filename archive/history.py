"""An item's whole history: custody, loans, destruction, audits and who looked at it."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from archive.choices import (
    AuditResult,
    AuditStatus,
    DestructionStatus,
    DiscrepancyStatus,
    ItemStatus,
    LoanStatus,
)
from archive.models import AuditLine, Destruction, Item, Loan
from onsite.models import AuditEntry

ITEM_ACCESS_ACTIONS = ("archive.item.view", "archive.file.download")
ACCESS_ACTIONS = (*ITEM_ACCESS_ACTIONS, "archive.loan.receipt_read")

ACTION_LABELS = {
    "archive.item.register": _("Item registered"),
    "archive.item.edit": _("Record changed"),
    "archive.item.view": _("Page opened"),
    "archive.item.destroy": _("Item destroyed"),
    "archive.file.upload": _("File uploaded"),
    "archive.file.download": _("File downloaded"),
    "archive.file.checksum_mismatch": _("Checksum mismatch: download refused"),
    "archive.file.missing": _("Stored file missing: download refused"),
    "archive.loan.request": _("Loan requested"),
    "archive.loan.approve": _("Loan approved"),
    "archive.loan.reject": _("Loan rejected"),
    "archive.loan.cancel": _("Loan cancelled"),
    "archive.loan.hand_over": _("Handed over, borrower signed"),
    "archive.loan.receipt": _("Receipt fixed"),
    "archive.loan.receipt_read": _("Receipt read"),
    "archive.loan.receipt_mismatch": _("Receipt checksum mismatch: not shown"),
    "archive.loan.signing_refused": _("Signature refused"),
    "archive.loan.return": _("Returned, borrower signed"),
    "archive.destruction.propose": _("Destruction proposed"),
    "archive.destruction.approve": _("Destruction approved"),
    "archive.destruction.reject": _("Destruction rejected"),
    "archive.destruction.carry_out": _("Destroyed before the witness"),
    "archive.audit.start": _("Audit started"),
    "archive.audit.check": _("Checked on the shelf"),
    "archive.audit.complete": _("Audit completed"),
    "archive.discrepancy.resolve": _("Discrepancy resolved"),
}

STATE_LABELS = {
    **dict(ItemStatus.choices),
    **dict(LoanStatus.choices),
    **dict(DestructionStatus.choices),
    **dict(DiscrepancyStatus.choices),
    **dict(AuditStatus.choices),  # an audit's "open" reads "in progress"
    **dict(AuditResult.choices),
}


def item_timeline(item):
    """Audit entries of the item and of its loans and destructions, plus its audit lines."""
    loans = list(
        Loan.objects.filter(item=item).select_related("borrower", "copy").order_by("-requested_at")
    )
    destructions = list(Destruction.objects.filter(item=item).select_related("copy", "witness"))
    types = ContentType.objects.get_for_models(Item, Loan, Destruction)
    entries = AuditEntry.objects.filter(
        Q(content_type=types[Item], object_id=str(item.pk))
        | Q(content_type=types[Loan], object_id__in=[str(loan.pk) for loan in loans])
        | Q(
            content_type=types[Destruction],
            object_id__in=[str(record.pk) for record in destructions],
        )
    ).select_related("actor", "content_type")
    events, accesses = [], []
    for entry in entries:
        (accesses if entry.action in ACCESS_ACTIONS else events).append(entry)
    audit_lines = (
        AuditLine.objects.filter(copy__item=item)
        .select_related("audit", "copy__item__collection", "checked_by", "discrepancy")
        .order_by("-audit__started_at", "copy__number")
    )
    return {
        "events": events,
        "accesses": accesses,
        "loans": loans,
        "destructions": destructions,
        "audit_lines": audit_lines,
    }
