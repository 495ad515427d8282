"""An item's whole history: custody, loans, destruction, audits and who looked at it."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from archive.models import AuditLine, Destruction, Item, Loan
from onsite.models import AuditEntry

ITEM_ACCESS_ACTIONS = (
    "archive.item.view",
    "archive.file.download",
    "archive.file.download_refused",
)
ACCESS_ACTIONS = (*ITEM_ACCESS_ACTIONS, "archive.loan.receipt_read")


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
