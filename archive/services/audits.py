"""Periodic shelf audits: start (every kept copy listed), check each copy, complete
(discrepancies opened), and resolve the discrepancies.

Lock order (``onsite.workflow``): the collection before its audits; an audit before its
lines; copies last, in (item, number) order like a destruction's.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from archive.choices import (
    DISCREPANCY,
    DISCREPANCY_RESULTS,
    SHELF_AUDIT,
    AuditResult,
    AuditStatus,
    Condition,
    CopyStatus,
    ItemStatus,
    LoanStatus,
)
from archive.models import AuditLine, Collection, Copy, Discrepancy, Loan, ShelfAudit
from onsite import audit
from onsite.notifications import notify
from onsite.permissions import require
from onsite.workflow import WorkflowError, lock


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

    The audit is locked before the line (a parent before its child), so a line cannot
    change while the audit is being completed.

    Enforces R2.4-periodic-archive-audit.
    """
    record = lock(ShelfAudit, line.audit_id)
    line = lock(AuditLine.objects.select_related("copy__item"), line.pk)
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


def scan_copy(actor, record, code, note=""):
    """A copy's label scanned (or its code typed) during an audit: its line is marked found.

    A label of a copy this audit does not expect is refused with what it is, before
    anything is saved.

    Enforces R2.4-periodic-archive-audit.
    """
    given = Copy.normalise(code)
    if not given:
        raise WorkflowError(_("Scan the copy's label or type its code."))
    line = record.lines.select_related("copy__item").filter(copy__code__iexact=given).first()
    if line is None:
        other = Copy.objects.select_related("item").filter(code__iexact=given).first()
        if other is None or other.item.collection_id != record.collection_id:
            raise WorkflowError(
                _("No copy of this collection has the code %(code)s. Check the label.")
                % {"code": given}
            )
        raise WorkflowError(
            _("Wrong copy: %(code)s is not expected in this audit (it belongs at %(where)s).")
            % {"code": other.code, "where": other.item.location}
        )
    if line.result == AuditResult.ON_LOAN:
        raise WorkflowError(
            _("%(code)s is on loan: it cannot be on the shelf. Report it to the leader.")
            % {"code": line.copy.code}
        )
    return mark_audit_line(actor, line, AuditResult.FOUND, note)


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
            [
                Discrepancy(line=line, copy=line.copy, item_id=line.copy.item_id, kind=line.result)
                for line in lines
            ]
        )
        damaged = [line.copy_id for line in lines if line.result == AuditResult.DAMAGED]
        _mark_damaged(damaged)
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


def _mark_damaged(copy_ids):
    """Copies found damaged, locked in (item, number) order before they are changed."""
    copies = Copy.objects.filter(pk__in=copy_ids).order_by("item_id", "number")
    list(copies.select_for_update(of=("self",)).values_list("pk", flat=True))
    copies.update(condition=Condition.DAMAGED)
