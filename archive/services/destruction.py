"""Destruction: proposed by a custodian, decided by the leader, carried out before a witness.

Lock order (``onsite.workflow``): the item (``DESTRUCTION.parent``), the destruction, the
item's waiting loan requests, then its copies. Destroying the last copy closes the item
(``ITEM`` ``destroy``) in the same transaction.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from archive.choices import ACTIVE_LOAN_STATES, DESTRUCTION, CopyStatus, HoldStatus
from archive.models import Copy, Destruction, Hold, Item, Loan
from archive.services.items import destroy_item, open_holds, waiting_requests
from onsite.middleware import current_ip
from onsite.notifications import notify
from onsite.workflow import WorkflowError


def propose_destruction(actor, item, *, copy=None, reason, method, witness, planned_on):
    """The custodian proposes destroying a copy (or the whole item) before a witness.

    Enforces R2.4-destruction-approval, R2.4-destruction-witnessed.
    """
    if witness.pk == actor.pk:
        raise WorkflowError(_("The witness must be another person."))

    def build():
        # Read under the item's lock: a copy's status only changes while its item is locked.
        if (
            copy is not None
            and not Copy.objects.filter(
                pk=copy.pk, item_id=item.pk, status=CopyStatus.KEPT
            ).exists()
        ):
            raise WorkflowError(_("Choose a kept copy of this item."))
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


def _copies_to_destroy(record):
    """Ids of the kept copies the destruction covers (read under the item's lock)."""
    copies = Copy.objects.filter(item_id=record.item_id, status=CopyStatus.KEPT)
    if record.copy_id:
        copies = copies.filter(pk=record.copy_id)
    return list(copies.order_by("number").values_list("pk", flat=True))


def _lock_in_order(record, copy_ids):
    """Lock what the destruction changes, below the item and the destruction already held:
    the loans closed if the item goes, its holds, then the copies."""
    list(waiting_requests(record.item_id).select_for_update(of=("self",)))
    list(open_holds(record.item_id).select_for_update(of=("self",)))
    list(Copy.objects.filter(pk__in=copy_ids).order_by("number").select_for_update(of=("self",)))


@DESTRUCTION.guard("carry_out")
def _no_copy_to_destroy_is_lent(record, user, now):
    """Checked again under the item's lock, where no loan of its copies can be approved."""
    copy_ids = _copies_to_destroy(record)
    lent = Loan.objects.filter(copy_id__in=copy_ids, status__in=ACTIVE_LOAN_STATES).exists()
    if lent:
        return _("A copy to destroy is reserved or on loan; take it back first.")
    if Hold.objects.filter(copy_id__in=copy_ids, status=HoldStatus.OFFERED).exists():
        return _("A copy to destroy is kept for someone in the queue; take them off it first.")
    return None


@DESTRUCTION.implements("carry_out")
def carry_out_destruction(
    actor, record, *, destroyed_on, witness_statement, witness_password, comment=""
):
    """Record the witnessed destruction; copies (and files) go, the records stay.

    The witness confirms in person by entering their own password (time and IP kept).
    ``comment`` is the custodian's remark, kept after the statement in the audit entry.
    When no copy of the item is left the item is destroyed too (``destroy_item``).

    Enforces R2.4-destroy-when-needed, R2.4-destruction-approval, R2.4-destruction-witnessed.
    """
    if not witness_statement.strip():
        raise WorkflowError(_("The witness statement is required."))
    destroyed = []

    def destroy(record):
        if not witness_password or not record.witness.check_password(witness_password):
            raise WorkflowError(_("The witness's password is not correct."))
        copy_ids = _copies_to_destroy(record)
        _lock_in_order(record, copy_ids)
        destroyed.extend(copy_ids)
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
        Copy.objects.filter(pk__in=destroyed).update(status=CopyStatus.DESTROYED)
        if not Copy.objects.filter(item_id=record.item_id, status=CopyStatus.KEPT).exists():
            destroy_item(actor, record.item, comment=witness_statement)

    statement = "\n".join(part for part in (witness_statement, comment) if part.strip())
    return DESTRUCTION.run(
        actor, record, "carry_out", comment=statement, change=destroy, then=close_item
    )
