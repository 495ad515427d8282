"""Which copy of an item can be lent now, and checking a scanned or typed label code.

Read under the item's lock by the services that reserve a copy (a copy's loans and holds
only change while its item is locked).
"""

from django.db.models import Q
from django.utils.translation import gettext as _

from archive.choices import (
    ACTIVE_LOAN_STATES,
    CopyStatus,
    DiscrepancyKind,
    DiscrepancyStatus,
    HoldStatus,
)
from archive.models import Copy, Discrepancy, Hold
from onsite.workflow import WorkflowError


def _lendable(item_id):
    """Kept copies of the item that no loan holds and that are not reported missing."""
    return (
        Copy.objects.filter(item_id=item_id, status=CopyStatus.KEPT)
        .exclude(loans__status__in=ACTIVE_LOAN_STATES)
        .exclude(
            pk__in=Discrepancy.objects.filter(
                status=DiscrepancyStatus.OPEN,
                kind=DiscrepancyKind.MISSING,
                copy__isnull=False,
            ).values("copy_id")
        )
    )


def kept_copy_for(item_id, person_id):
    """The copy kept for ``person_id`` by their hold on the item, if one is kept for them."""
    return (
        Copy.objects.filter(
            holds__item_id=item_id, holds__person_id=person_id, holds__status=HoldStatus.OFFERED
        )
        .order_by("number")
        .first()
    )


def free_copy(item_id, borrower_id=None):
    """The copy a loan of ``borrower_id`` would get now: the one kept for them by their
    hold, else the first lendable copy not kept for someone else in the queue."""
    lendable = _lendable(item_id)
    if borrower_id is not None:
        kept = lendable.filter(
            holds__status=HoldStatus.OFFERED, holds__person_id=borrower_id
        ).first()
        if kept is not None:
            return kept
    kept_for_others = Hold.objects.filter(
        item_id=item_id, status=HoldStatus.OFFERED, copy__isnull=False
    )
    if borrower_id is not None:
        kept_for_others = kept_for_others.exclude(person_id=borrower_id)
    return lendable.exclude(pk__in=kept_for_others.values("copy_id")).order_by("number").first()


def returnable_copy(item_id):
    """A copy free for the queue: lendable and not kept for anyone."""
    kept = Hold.objects.filter(item_id=item_id, status=HoldStatus.OFFERED, copy__isnull=False)
    return _lendable(item_id).exclude(pk__in=kept.values("copy_id")).order_by("number").first()


def check_copy_code(code, copy):
    """Refuse a scanned or typed label that is not ``copy``'s, saying which copy it is.

    Raises ``WorkflowError`` before anything is saved.
    """
    given = Copy.normalise(code)
    if not given:
        raise WorkflowError(_("Scan the copy's label or type its code."))
    if given == Copy.normalise(copy.code):
        return
    other = Copy.objects.select_related("item__collection").filter(code__iexact=given).first()
    if other is None:
        raise WorkflowError(
            _("No copy has the code %(code)s. Check the label and scan it again.") % {"code": given}
        )
    raise WorkflowError(
        _("Wrong copy: this label is %(found)s, but the loan is for %(expected)s.")
        % {"found": other.code, "expected": copy.code}
    )


def by_code(codes):
    """Copies whose label code is one of ``codes`` (normalised)."""
    wanted = [Copy.normalise(code) for code in codes if code]
    query = Q(pk__in=[])
    for code in wanted:
        query |= Q(code__iexact=code)
    return Copy.objects.filter(query)
