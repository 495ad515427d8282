"""Who may do what in the archive, and which items, loans, audits each person may see.

Visibility is object-level: an item is visible to the custodians and leaders of its
collection, to people granted the collection at or above the item's classification
(``CollectionAccess``) and, during its window, to the one person of a single-item grant
(``ItemGrant``, a django-guardian object permission). The three are one condition of one
query, whatever the number of grants. Everything else answers 404.
"""

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext

from archive.choices import ItemStatus, LoanKind
from archive.models import (
    Collection,
    CollectionAccess,
    Copy,
    Destruction,
    Discrepancy,
    FileDownload,
    Hold,
    Item,
    ItemFile,
    ItemGrant,
    Loan,
    ShelfAudit,
)
from onsite import grants
from onsite.permissions import rule, scope

VIEW_ITEM = "view_item"  # the guardian permission of a single-item grant


@grants.source("archive.kept_collections")
def _kept_collections(user_id, day):
    return Collection.custodians.through.objects.filter(user_id=user_id).values_list(
        "collection_id"
    )


@grants.source("archive.led_collections")
def _led_collections(user_id, day):
    led = Collection.leaders.through.objects.filter(user_id=user_id)
    return led.values_list("collection_id")


def kept_collection_ids(user):
    """Ids of the collections the user keeps as custodian (read with every grant)."""
    return grants.ids(user, "archive.kept_collections")


def led_collection_ids(user):
    """Ids of the collections the user is leader in charge of (read with every grant)."""
    return grants.ids(user, "archive.led_collections")


def managed_collection_ids(user):
    """Collections the user keeps or leads: they see every item and loan of them."""
    return kept_collection_ids(user) | led_collection_ids(user)


def keeps(user, collection_id):
    return collection_id in kept_collection_ids(user)


def leads(user, collection_id):
    return collection_id in led_collection_ids(user)


def _granted(user):
    return Exists(
        CollectionAccess.objects.filter(
            user=user,
            collection_id=OuterRef("collection_id"),
            clearance__gte=OuterRef("classification"),
        )
    )


def granted_item_ids(user, now=None):
    """A subquery: the items of the user's single-item grants whose window is open now."""
    now = now or timezone.now()
    return ItemGrant.objects.filter(
        user=user, permission__codename=VIEW_ITEM, starts_at__lte=now, ends_at__gt=now
    ).values("content_object_id")


def _managed_subquery(user):
    """The collections the user keeps or leads, as a subquery of the list's own query."""
    kept = Collection.custodians.through.objects.filter(user=user).values("collection_id")
    led = Collection.leaders.through.objects.filter(user=user).values("collection_id")
    return Q(collection_id__in=kept) | Q(collection_id__in=led)


@scope(Item)
def _visible_items(user, queryset):
    """Kept or led collections, collection grants up to the clearance, and single-item
    grants open now: one condition, so a list page asks one query however many grants."""
    return queryset.filter(
        _managed_subquery(user) | _granted(user) | Q(pk__in=granted_item_ids(user))
    )


def _visible_item_ids(user):
    return _visible_items(user, Item.objects.all()).values("pk")


@scope(Collection)
def _visible_collections(user, queryset):
    return queryset.filter(Q(pk__in=managed_collection_ids(user)) | Q(grants__user=user)).distinct()


@scope(Copy)
def _visible_copies(user, queryset):
    return queryset.filter(item__in=_visible_item_ids(user))


@scope(ItemFile)
def _visible_files(user, queryset):
    return queryset.filter(item__in=_visible_item_ids(user))


@scope(Loan)
def _visible_loans(user, queryset):
    """Own loans, and every loan of a collection the user keeps or leads."""
    return queryset.filter(
        Q(borrower=user) | Q(item__collection_id__in=managed_collection_ids(user))
    )


@scope(FileDownload)
def _visible_downloads(user, queryset):
    """One's own downloads, and every download of a collection one keeps or leads."""
    return queryset.filter(Q(user=user) | Q(item__collection_id__in=managed_collection_ids(user)))


@scope(ItemGrant)
def _visible_item_grants(user, queryset):
    return queryset.filter(content_object__collection_id__in=managed_collection_ids(user))


@scope(Hold)
def _visible_holds(user, queryset):
    return queryset.filter(Q(person=user) | Q(item__collection_id__in=managed_collection_ids(user)))


@scope(Destruction)
def _visible_destructions(user, queryset):
    return queryset.filter(item__collection_id__in=managed_collection_ids(user))


@scope(ShelfAudit)
def _visible_audits(user, queryset):
    return queryset.filter(collection_id__in=managed_collection_ids(user))


@scope(Discrepancy)
def _visible_discrepancies(user, queryset):
    return queryset.filter(item__collection_id__in=managed_collection_ids(user))


MANAGED_LEVEL = 1000  # custodians and leaders see every classification of their collections


def access_levels(user):
    """``{collection id: the highest classification the user may see}`` (cached per request):
    what a background register and a masked title are checked against."""
    cached = getattr(user, "_archive_levels", None)
    if cached is None:
        cached = dict(
            CollectionAccess.objects.filter(user=user).values_list("collection_id", "clearance")
        )
        cached.update(dict.fromkeys(managed_collection_ids(user), MANAGED_LEVEL))
        user._archive_levels = cached
    return cached


def sees_item(user, item):
    """``item_visible`` without a query per item (for lists)."""
    return access_levels(user).get(item.collection_id, -1) >= item.classification


def item_label(user, item):
    """The item's reference and title, or the reference alone when ``user`` can no longer
    see the item (a borrower whose grant was lowered or whose item was reclassified upward
    keeps their loan record, not the title)."""
    if sees_item(user, item):
        return f"{item.reference} {item.title}"
    return gettext("%(reference)s (title withheld: no longer within your access)") % {
        "reference": item.reference
    }


def item_visible(user, item):
    return _visible_items(user, Item.objects.filter(pk=item.pk)).exists()


# --- Rules ---------------------------------------------------------------------------
@rule("archive.manage")
def _may_manage(user, obj):
    """Keeps or leads at least one collection: sees the queues."""
    return bool(managed_collection_ids(user))


@rule("archive.register_item")
def _may_register(user, collection):
    if collection is None:
        return bool(kept_collection_ids(user))
    return keeps(user, collection.pk)


@rule("archive.edit_item")
def _may_edit_item(user, item):
    return keeps(user, item.collection_id) and item.status == ItemStatus.KEPT


@rule("archive.upload_file")
def _may_upload(user, item):
    return keeps(user, item.collection_id) and item.status == ItemStatus.KEPT


@rule("archive.see_accesses")
def _may_see_accesses(user, item):
    """Custodians and leaders see who looked at which item."""
    return item.collection_id in managed_collection_ids(user)


@rule("archive.request_loan")
def _may_request_loan(user, item):
    return item.status == ItemStatus.KEPT and item_visible(user, item)


def _physical(loan):
    return loan.kind == LoanKind.PHYSICAL


def _digital(loan):
    return loan.kind == LoanKind.DIGITAL


@rule("archive.decide_loan")
def _may_decide_loan(user, loan):
    return _physical(loan) and leads(user, loan.item.collection_id) and loan.borrower_id != user.pk


@rule("archive.hand_over_loan")
def _may_hand_over(user, loan):
    return _physical(loan) and keeps(user, loan.item.collection_id) and loan.borrower_id != user.pk


@rule("archive.receive_loan")
def _may_receive(user, loan):
    return _physical(loan) and keeps(user, loan.item.collection_id) and loan.borrower_id != user.pk


@rule("archive.cancel_loan")
def _may_cancel(user, loan):
    return _physical(loan) and (loan.borrower_id == user.pk or keeps(user, loan.item.collection_id))


# --- Digital loans ---------------------------------------------------------------------
def needs_digital_loan(item):
    """Opening the item's files needs a digital loan: it is classified above the level its
    collection lets anyone who sees the item download directly."""
    return item.classification > item.collection.direct_download_level


@rule("archive.request_digital_loan")
def _may_request_digital_loan(user, item):
    return (
        item.status == ItemStatus.KEPT
        and needs_digital_loan(item)
        and item_visible(user, item)
        and item.files.filter(erased_at__isnull=True).exists()
    )


@rule("archive.decide_digital_loan")
def _may_decide_digital_loan(user, loan):
    return _digital(loan) and leads(user, loan.item.collection_id) and loan.borrower_id != user.pk


@rule("archive.sign_digital_terms")
def _may_sign_digital_terms(user, loan):
    """The borrower signs, while they still see the item (a clearance withdrawn stops it)."""
    return _digital(loan) and loan.borrower_id == user.pk and item_visible(user, loan.item)


@rule("archive.finish_digital_loan")
def _may_finish_digital_loan(user, loan):
    return _digital(loan) and loan.borrower_id == user.pk


@rule("archive.revoke_digital_loan")
def _may_revoke_digital_loan(user, loan):
    return (
        _digital(loan)
        and loan.borrower_id != user.pk
        and loan.item.collection_id in managed_collection_ids(user)
    )


@rule("archive.cancel_digital_loan")
def _may_cancel_digital_loan(user, loan):
    return _digital(loan) and (loan.borrower_id == user.pk or keeps(user, loan.item.collection_id))


# --- Single-item grants, holds, labels ---------------------------------------------------
@rule("archive.grant_item")
def _may_grant_item(user, item):
    """The leaders in charge let one named person see one item (need-to-know)."""
    return leads(user, item.collection_id) and item.status == ItemStatus.KEPT


@rule("archive.revoke_grant")
def _may_revoke_grant(user, grant):
    return leads(user, grant.content_object.collection_id)


@rule("archive.place_hold")
def _may_place_hold(user, item):
    return item.status == ItemStatus.KEPT and item_visible(user, item)


@rule("archive.cancel_hold")
def _may_cancel_hold(user, hold):
    return hold.person_id == user.pk or keeps(user, hold.item.collection_id)


@rule("archive.print_labels")
def _may_print_labels(user, collection):
    if collection is None:
        return bool(kept_collection_ids(user))
    return keeps(user, collection.pk)


@rule("archive.propose_destruction")
def _may_propose_destruction(user, item):
    return keeps(user, item.collection_id) and item.status == ItemStatus.KEPT


@rule("archive.destroy_item")
def _may_destroy_item(user, item):
    """The custodians close an item whose last copy they destroyed before the witness."""
    return keeps(user, item.collection_id)


@rule("archive.decide_destruction")
def _may_decide_destruction(user, destruction):
    return leads(user, destruction.item.collection_id) and destruction.proposed_by_id != user.pk


@rule("archive.carry_out_destruction")
def _may_carry_out(user, destruction):
    return keeps(user, destruction.item.collection_id)


@rule("archive.run_audit")
def _may_run_audit(user, collection):
    if collection is None:
        return bool(kept_collection_ids(user))
    return keeps(user, collection.pk)


@rule("archive.complete_audit")
def _may_complete_audit(user, shelf_audit):
    """The custodians of the audited collection check lines and complete the audit."""
    return shelf_audit is not None and keeps(user, shelf_audit.collection_id)


@rule("archive.resolve_discrepancy")
def _may_resolve(user, discrepancy):
    return keeps(user, discrepancy.item.collection_id)
