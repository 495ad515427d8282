"""Holds: a queue for an item whose every copy is lent or reserved.

A person queues (``place_hold``). When a copy comes back (a return, a cancelled loan, a
hold that ends) the first in the queue is told and the copy is kept for them for
``ARCHIVE_HOLD_KEEP_DAYS`` days: no one else's loan gets it (``copies.free_copy``). Their
approved loan takes it (the hold is fulfilled); if they do not ask in time the beat sweep
ends the hold and offers the copy to the next.

Offering, expiring and fulfilling are moves of the system, not of a person's button:
each is a conditional update of the hold's row under its item's lock, with its audit
entry (no actor, or the person whose transition caused it) and its notification.

Lock order (``onsite.workflow``): the item, then its loans, then its holds.
"""

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from archive.choices import HOLD, OPEN_HOLD_STATES, HoldStatus, LoanKind, LoanStatus
from archive.conf import conf
from archive.models import Hold, Item, Loan
from archive.services.copies import free_copy, returnable_copy
from onsite import audit
from onsite.notifications import notify
from onsite.workflow import WorkflowError, lock

logger = logging.getLogger(__name__)


def place_hold(actor, item):
    """Queue for an item whose every copy is lent, reserved or kept for someone else."""

    def build():
        if Hold.objects.filter(item=item, person=actor, status__in=OPEN_HOLD_STATES).exists():
            raise WorkflowError(_("You are already in the queue for this item."))
        if free_copy(item.pk, actor.pk) is not None:
            raise WorkflowError(_("A copy is on the shelf: ask to borrow it instead."))
        if Loan.objects.filter(
            item=item,
            borrower=actor,
            kind=LoanKind.PHYSICAL,
            status__in=(LoanStatus.APPROVED, LoanStatus.HANDED_OVER),
        ).exists():
            raise WorkflowError(_("You already have a copy of this item."))
        return Hold(item=item, person=actor)

    def tell(hold):
        ahead = Hold.objects.filter(
            item=item, status__in=OPEN_HOLD_STATES, placed_at__lt=hold.placed_at
        ).count()
        notify(
            [actor],
            gettext_lazy("You are in the queue for %(item)s"),
            gettext_lazy("%(ahead)s people are before you; you are told when a copy is kept."),
            hold.get_absolute_url(),
            {"item": item.reference, "ahead": ahead},
        )

    return HOLD.create(
        actor, "place", context=item, lock_first=[(Item, item.pk)], build=build, notify=tell
    )


@HOLD.implements("cancel")
def cancel_hold(actor, hold, comment=""):
    """The person leaves the queue (or a custodian takes them off); a copy kept for them
    goes to the next in the queue."""
    kept = []

    def release(hold):
        if hold.status == HoldStatus.OFFERED:
            kept.append(hold.copy_id)
        hold.closed_at = timezone.now()
        return ["closed_at"]

    def next_in_queue(hold):
        if kept:
            offer_next(hold.item, actor=actor)

    return HOLD.run(actor, hold, "cancel", comment=comment, change=release, then=next_in_queue)


def _queue(item_id):
    return Hold.objects.filter(item_id=item_id, status=HoldStatus.WAITING).order_by(
        "placed_at", "pk"
    )


def offer_next(item, *, actor=None, now=None):
    """A copy is free: keep it for the first waiting in the queue (called under the item's
    lock, by the transition that freed it or by the sweep). Returns the hold or None."""
    now = now or timezone.now()
    first = _queue(item.pk).select_for_update(of=("self",)).first()
    if first is None:
        return None
    copy = returnable_copy(item.pk)
    if copy is None:
        return None
    keep_until = timezone.localdate(now) + timedelta(days=conf.HOLD_KEEP_DAYS)
    claimed = Hold.objects.filter(pk=first.pk, status=HoldStatus.WAITING).update(
        status=HoldStatus.OFFERED, copy=copy, offered_at=now, keep_until=keep_until
    )
    if not claimed:
        return None
    first.refresh_from_db()
    audit.record(
        actor,
        HOLD.audit_action("offer"),
        first,
        from_state=HoldStatus.WAITING,
        to_state=HoldStatus.OFFERED,
        comment=_("Copy %(number)s kept until %(date)s")
        % {"number": copy.number, "date": keep_until.isoformat()},
    )
    notify(
        [first.person],
        gettext_lazy("A copy of %(item)s is kept for you until %(date)s"),
        gettext_lazy("Ask to borrow it before then; after that it goes to the next in the queue."),
        first.get_absolute_url(),
        {"item": item.reference, "date": keep_until.isoformat()},
    )
    return first


def fulfil_hold(loan, actor):
    """The borrower's approved loan took the copy kept for them: their hold is fulfilled."""
    hold = (
        Hold.objects.select_for_update(of=("self",))
        .filter(item_id=loan.item_id, person_id=loan.borrower_id, status__in=OPEN_HOLD_STATES)
        .first()
    )
    if hold is None:
        return None
    before = hold.status
    Hold.objects.filter(pk=hold.pk).update(status=HoldStatus.FULFILLED, closed_at=timezone.now())
    audit.record(
        actor,
        HOLD.audit_action("fulfil"),
        hold,
        from_state=before,
        to_state=HoldStatus.FULFILLED,
        comment=str(loan),
    )
    return hold


def expire_holds(now=None):
    """Beat: a kept copy not asked for by its date goes to the next in the queue.

    Per item, in one transaction under its lock: each expired hold is claimed by a
    conditional update (so a second or concurrent run changes nothing), audited, the
    person told, and the copy offered to the next. Returns how many holds expired.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    item_ids = set(
        Hold.objects.filter(status=HoldStatus.OFFERED, keep_until__lt=today).values_list(
            "item_id", flat=True
        )
    )
    expired = sum(_expire_item_holds(item_id, today, now) for item_id in sorted(item_ids))
    if expired:
        logger.info("Expired %d holds", expired)
    return expired


def _expire_item_holds(item_id, today, now):
    with transaction.atomic():
        try:
            item = lock(Item.objects.select_related("collection"), item_id)
        except Item.DoesNotExist:
            return 0
        holds = list(
            Hold.objects.filter(
                item_id=item_id, status=HoldStatus.OFFERED, keep_until__lt=today
            ).select_related("person")
        )
        count = 0
        for hold in holds:
            if not Hold.objects.filter(pk=hold.pk, status=HoldStatus.OFFERED).update(
                status=HoldStatus.EXPIRED, closed_at=now
            ):
                continue
            count += 1
            audit.record(
                None,
                HOLD.audit_action("expire"),
                hold,
                from_state=HoldStatus.OFFERED,
                to_state=HoldStatus.EXPIRED,
                comment=hold.keep_until.isoformat(),
            )
            notify(
                [hold.person],
                gettext_lazy("The copy of %(item)s kept for you went to the next in the queue"),
                gettext_lazy("It was kept until %(date)s. Queue again if you still need it."),
                hold.get_absolute_url(),
                {"item": item.reference, "date": hold.keep_until.isoformat()},
            )
        for _hold in range(count):
            if offer_next(item, now=now) is None:
                break
        return count


def queue_position(hold):
    """1 for the first waiting, or None once the hold is no longer waiting."""
    if hold.status != HoldStatus.WAITING:
        return None
    return (
        Hold.objects.filter(
            item_id=hold.item_id, status=HoldStatus.WAITING, placed_at__lte=hold.placed_at
        )
        .exclude(placed_at=hold.placed_at, pk__gt=hold.pk)
        .count()
    )
