"""When a person's archive access is lowered, what they were given before follows it.

Decided: a borrower keeps their own loan record (dates, signatures, state) but the item's
title is withheld (its reference stays) once they can no longer see the item — their grant
lowered or the item reclassified upward. A background register is checked again at every
download against what its owner could see when it was built: lowered since, it is refused
(and the refusal audited) until made again.
"""

from django.urls import reverse

from archive import exports
from archive.choices import LoanStatus
from archive.models import CollectionAccess
from onsite import exports as onsite_exports
from onsite.models import AuditEntry
from tests.archive.factories import GrantFactory, ItemFactory, make_loan

LABEL = "archive.RegisterExport"
WITHHELD = "题名已隐去"


def _loan(cast, classification=1):
    GrantFactory(user=cast.staff, collection=cast.collection, clearance=1)
    item = ItemFactory(
        collection=cast.collection,
        custodian=cast.custodian,
        classification=classification,
        title="部务会议录像",
    )
    return make_loan(item, cast.staff, LoanStatus.RETURNED)


def _pages(client, loan):
    detail = client.get(reverse("archive:loan_detail", args=[loan.pk])).content.decode()
    mine = client.get(reverse("archive:my_loans")).content.decode()
    return detail, mine


def test_the_borrower_sees_the_title_while_they_may_see_the_item(cast, login):
    loan = _loan(cast)
    for page in _pages(login(cast.staff), loan):
        assert "部务会议录像" in page


def test_a_lowered_grant_withholds_the_title_but_keeps_the_record(cast, login):
    loan = _loan(cast)
    CollectionAccess.objects.filter(user=cast.staff).update(clearance=0)
    for page in _pages(login(cast.staff), loan):
        assert "部务会议录像" not in page
        assert loan.item.reference in page and WITHHELD in page


def test_an_item_reclassified_upward_withholds_the_title(cast, login):
    loan = _loan(cast)
    type(loan.item).objects.filter(pk=loan.item_id).update(classification=2)
    detail, _mine = _pages(login(cast.staff), loan)
    assert "部务会议录像" not in detail and WITHHELD in detail
    custodian_view, _ = _pages(login(cast.custodian), loan)
    assert "部务会议录像" in custodian_view  # the custodian still sees it


def _register(cast):
    GrantFactory(user=cast.staff, collection=cast.collection, clearance=1)
    ItemFactory(collection=cast.collection, custodian=cast.custodian, classification=1)
    export = exports.queue_register(cast.staff, "items", {})
    assert onsite_exports.run(LABEL, export.pk)
    export.refresh_from_db()
    return export


def test_a_register_built_before_the_grant_was_lowered_is_refused(cast, login):
    export = _register(cast)
    client = login(cast.staff)
    url = reverse("archive:export_download", args=[export.token])
    assert client.get(url).status_code == 200
    CollectionAccess.objects.filter(user=cast.staff).update(clearance=0)
    refused = client.get(url)
    assert refused.status_code == 302
    assert AuditEntry.objects.filter(action="archive.export.refused", actor=cast.staff).exists()
    CollectionAccess.objects.filter(user=cast.staff).update(clearance=1)
    assert client.get(url).status_code == 200  # the same access again: readable again


def test_a_register_is_refused_once_the_grant_is_withdrawn(cast, login):
    export = _register(cast)
    CollectionAccess.objects.filter(user=cast.staff).delete()
    response = login(cast.staff).get(reverse("archive:export_download", args=[export.token]))
    assert response.status_code == 302
