"""Objects in a given state of each workflow of the archive (tests/test_workflows.py).

Everything belongs to cast.collection (custodian: ``custodian``, leader: ``leader``);
``staff`` is granted the collection up to Secret and borrows; ``manager`` witnesses.
"""

from datetime import timedelta

from django.utils import timezone

from archive.choices import AuditResult, CopyStatus, DestructionMethod
from archive.models import AuditLine, CollectionAccess, Destruction, Discrepancy, ShelfAudit
from onsite.choices import SignatureMethod
from onsite.signatures import SignatureInput
from tests.archive.factories import (
    ItemFactory,
    make_digital_loan,
    make_file,
    make_hold,
    make_loan,
)
from tests.factories import PASSWORD


def _item(cast):
    """An Internal item of cast.collection with one copy, visible to cast.staff."""
    CollectionAccess.objects.get_or_create(
        user=cast.staff, collection=cast.collection, defaults={"clearance": 2}
    )
    return ItemFactory(collection=cast.collection, custodian=cast.custodian, classification=1)


def item(cast, state):
    """An Item in ``state``; a kept one whose every copy was just destroyed (the moment
    its own destruction becomes possible)."""
    record = _item(cast)
    record.copies.update(status=CopyStatus.DESTROYED)
    record.status = state
    record.save(update_fields=["status"])
    return record


def loan(cast, state):
    """A Loan in ``state``: borrower cast.staff, the item's copy reserved once approved."""
    return make_loan(_item(cast), cast.staff, state)


def digital_loan(cast, state):
    """A digital loan in ``state`` of an Internal item with a stored file (the collection
    lets only Public files be downloaded directly): borrower cast.staff."""
    record = _item(cast)
    make_file(record)
    return make_digital_loan(record, cast.staff, state)


def hold(cast, state):
    """cast.staff queuing for an item lent to cast.supervisor (an offered hold keeps the
    item's second copy for staff)."""
    record = ItemFactory(
        collection=cast.collection, custodian=cast.custodian, classification=1, copies=2
    )
    CollectionAccess.objects.get_or_create(
        user=cast.staff, collection=cast.collection, defaults={"clearance": 2}
    )
    make_loan(record, cast.supervisor, "handed_over")
    second = record.copies.get(number=2)
    return make_hold(record, cast.staff, state, copy=second)


def destruction(cast, state):
    """A Destruction of a whole item in ``state``, proposed by the custodian, the manager
    witnessing."""
    return Destruction.objects.create(
        item=_item(cast),
        reason="超过保存期限",
        method=DestructionMethod.SHRED,
        witness=cast.manager,
        planned_on=timezone.localdate() + timedelta(days=3),
        proposed_by=cast.custodian,
        status=state,
    )


def _audit(cast, state, result):
    record = ShelfAudit.objects.create(
        collection=cast.collection, started_by=cast.custodian, status=state
    )
    copy = _item(cast).copies.get()
    line = AuditLine.objects.create(
        audit=record, copy=copy, expected_location="A-01", result=result
    )
    return record, line


def shelf_audit(cast, state):
    """A ShelfAudit in ``state`` whose one copy was found on the shelf."""
    return _audit(cast, state, AuditResult.FOUND)[0]


def discrepancy(cast, state):
    """A Discrepancy in ``state``: a copy found missing by an audit."""
    _record, line = _audit(cast, "completed", AuditResult.MISSING)
    return Discrepancy.objects.create(
        line=line, copy=line.copy, item=line.copy.item, kind=AuditResult.MISSING, status=state
    )


SAMPLES = {
    "archive.item": item,
    "archive.loan": loan,
    "archive.digital_loan": digital_loan,
    "archive.hold": hold,
    "archive.destruction": destruction,
    "archive.audit": shelf_audit,
    "archive.discrepancy": discrepancy,
}


def _password(cast, obj):
    """The borrower (cast.staff) signs by re-entering their password."""
    return {"signature": SignatureInput(method=SignatureMethod.PASSWORD, password=PASSWORD)}


def _signed(cast, obj):
    """The custodian scans the loan's copy; the borrower signs with their password."""
    return {"copy_code": obj.copy.code, "condition": "good", **_password(cast, obj)}


ARGUMENTS = {
    ("archive.loan", "hand_over"): _signed,
    ("archive.loan", "return"): _signed,
    ("archive.digital_loan", "sign"): _password,
    ("archive.destruction", "carry_out"): lambda cast, obj: {
        "destroyed_on": timezone.localdate(),
        "witness_statement": "已当面粉碎",
        "witness_password": PASSWORD,
    },
}
