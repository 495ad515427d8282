"""The archive at scale (``manage.py seed_scale``; see ``onsite.scale``).

One collection per client site (its meetings' recordings), four items per staff member
spread over them (2,000 at 500 staff) with a copy each (a second for every fifth), every
staff member cleared for the collection of their site, and two loans per staff member in
every state (the active ones each on their own copy).
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from archive.choices import Condition, LoanStatus, Medium
from archive.models import Collection, CollectionAccess, Copy, Item, Loan

BATCH = 2000
ITEMS_PER_STAFF, LOANS_PER_STAFF = 4, 2
MEDIA = [Medium.DISC, Medium.DRIVE, Medium.TAPE, Medium.DIGITAL]
# The loans' states in turn; approved and handed-over loans hold a copy each.
LOAN_STATES = [
    LoanStatus.RETURNED,
    LoanStatus.RETURNED,
    LoanStatus.RETURNED,
    LoanStatus.REQUESTED,
    LoanStatus.APPROVED,
    LoanStatus.HANDED_OVER,
    LoanStatus.REJECTED,
    LoanStatus.CANCELLED,
]


def seed(scale):
    custodian, leader = scale.people["custodian"], scale.people["leader"]
    collections = Collection.objects.bulk_create(
        Collection(code=f"{site.code}-AV", name=f"{site.name}会议录音录像", site=site)
        for site in scale.sites
    )
    for collection in collections:
        collection.custodians.add(custodian)
        collection.leaders.add(leader)
    items = Item.objects.bulk_create(
        (_item(scale, collections, n, custodian) for n in range(scale.staff * ITEMS_PER_STAFF)),
        batch_size=BATCH,
    )
    copies = Copy.objects.bulk_create(
        (
            Copy(item=item, number=number, code=Copy.make_code(item, number))
            for i, item in enumerate(items)
            for number in range(1, 2 + (i % 5 == 0))
        ),
        batch_size=BATCH,
    )
    CollectionAccess.objects.bulk_create(
        (
            CollectionAccess(
                user=user,
                collection=collections[scale.sites.index(scale.site_of(n))],
                clearance=n % 3,
            )
            for n, user in scale.users.items()
        ),
        batch_size=BATCH,
    )
    loans = _loans(scale, collections, items, copies, custodian, leader)
    return {"items": len(items), "copies": len(copies), "loans": len(loans)}


def _item(scale, collections, n, custodian):
    day = scale.end - timedelta(days=n % 365)
    return Item(
        collection=collections[n % len(collections)],
        title=f"第{n + 1}次工作会议录像",
        meeting=f"工作会议{n + 1}",
        event_date=day,
        classification=scale.rng.choice((0, 0, 1, 1, 2, 3)),
        medium=MEDIA[n % len(MEDIA)],
        location=f"柜-{n % 40:02d}",
        custodian=custodian,
        registered_by=custodian,
        retention_until=day + timedelta(days=3650),
    )


def _loans(scale, collections, items, copies, custodian, leader):
    """Each staff member's loans of items of their site's collection, in every state."""
    first_copy = {}
    for copy in copies:
        first_copy.setdefault(copy.item_id, copy)
    by_collection = {}
    for item in items:
        by_collection.setdefault(item.collection_id, []).append(item)
    now, loans, used = timezone.now(), [], set()
    site_collection = {c.site_id: c.pk for c in collections}
    for n, user in scale.users.items():
        pool = by_collection[site_collection[scale.site_of(n).pk]]
        for j in range(LOANS_PER_STAFF):
            status = LOAN_STATES[(n * LOANS_PER_STAFF + j) % len(LOAN_STATES)]
            item = pool[(n * 7 + j * 3) % len(pool)]
            copy = first_copy[item.pk]
            if status in (LoanStatus.APPROVED, LoanStatus.HANDED_OVER):
                if copy.pk in used:
                    status = LoanStatus.RETURNED
                used.add(copy.pk)
            loans.append(_loan(scale, n, j, user, item, copy, status, now, custodian, leader))
    return Loan.objects.bulk_create(loans, batch_size=BATCH)


def _loan(scale, n, j, user, item, copy, status, now, custodian, leader):
    start = scale.end - timedelta(days=(n * 5 + j * 40) % 300)
    decided = status not in (LoanStatus.REQUESTED, LoanStatus.CANCELLED)
    out = status in (LoanStatus.HANDED_OVER, LoanStatus.RETURNED)
    if status in (LoanStatus.REQUESTED, LoanStatus.APPROVED, LoanStatus.HANDED_OVER):
        start = scale.end - timedelta(days=n % 5)
    return Loan(
        item=item,
        copy=copy if status != LoanStatus.REQUESTED else None,
        borrower=user,
        purpose="整理会议纪要",
        needed_from=start,
        return_by=start + timedelta(days=14),
        status=status,
        decided_by=leader if decided else None,
        decided_at=now if decided else None,
        handed_over_by=custodian if out else None,
        handed_over_at=now if out else None,
        condition_out=Condition.GOOD if out else "",
        received_by=custodian if status == LoanStatus.RETURNED else None,
        returned_at=now if status == LoanStatus.RETURNED else None,
        condition_in=Condition.GOOD if status == LoanStatus.RETURNED else "",
    )


def pages(scale):
    """The archive's daily pages: the staff member's search and loans, the custodian's and
    the leader's queue."""
    items = reverse("archive:item_list")
    return [
        ("archive: item list", "staff", items),
        ("archive: search", "staff", items + "?q=工作会议1"),
        ("archive: my loans", "staff", reverse("archive:my_loans")),
        ("archive: item list", "custodian", items),
        ("archive: loan queue", "custodian", reverse("archive:loan_queue")),
        ("archive: loan queue", "leader", reverse("archive:loan_queue")),
    ]


def exports(scale):
    """The register of one collection's items (≤ 400 rows at full scale) and the loans."""
    collection = Collection.objects.order_by("code").first()
    return [
        (
            "archive: item register, PDF",
            "custodian",
            "archive.items",
            {"fmt": "pdf", "params": {"collection": collection.pk}},
        ),
        ("archive: loan register, PDF", "leader", "archive.loans", {"fmt": "pdf"}),
    ]
