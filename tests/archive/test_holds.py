"""Holds: people queue for an item that is lent out; when a copy comes back the first in the
queue is told and it is kept for them for a set number of days, then the next."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from archive import services
from archive.choices import HoldStatus, LoanStatus
from archive.models import Hold, Loan
from onsite.models import AuditEntry, Notification
from onsite.signatures import SignatureInput
from onsite.workflow import WorkflowError
from tests.archive.factories import GrantFactory, ItemFactory, make_loan
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def lent(cast):
    """An Internal item with one copy, lent to the supervisor; staff and the manager may
    see it."""
    GrantFactory(user=cast.staff, collection=cast.collection, clearance=2)
    GrantFactory(user=cast.manager, collection=cast.collection, clearance=2)
    GrantFactory(user=cast.supervisor, collection=cast.collection, clearance=2)
    item = ItemFactory(collection=cast.collection, custodian=cast.custodian, classification=1)
    loan = make_loan(item, cast.supervisor, LoanStatus.HANDED_OVER)
    return item, loan


def _give_back(cast, loan):
    signature = SignatureInput(method="password", password=PASSWORD)
    services.return_loan(
        cast.custodian, loan, copy_code=loan.copy.code, condition="good", signature=signature
    )


def _dates():
    today = timezone.localdate()
    return {"needed_from": today, "return_by": today + timedelta(days=3)}


def test_the_queue_is_served_in_order_and_a_kept_copy_expires_to_the_next(
    cast, lent, login, time_machine, english
):
    item, loan = lent
    response = login(cast.staff).post(reverse("archive:hold_place", args=[item.pk]))
    assert response.status_code == 302
    services.place_hold(cast.manager, item)
    first, second = Hold.objects.order_by("placed_at", "pk")
    assert (first.person, second.person) == (cast.staff, cast.manager)
    assert services.queue_position(second) == 2

    _give_back(cast, loan)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == HoldStatus.OFFERED and first.copy == loan.copy
    assert first.keep_until == timezone.localdate() + timedelta(days=3)
    assert second.status == HoldStatus.WAITING
    told = Notification.objects.filter(recipient=cast.staff, url=first.get_absolute_url())
    assert told.filter(title__contains=item.reference).count() == 2  # queued, then kept

    # The copy is kept: someone else's approved request does not get it.
    other = services.request_loan(cast.manager, item, purpose="回放", **_dates())
    with pytest.raises(WorkflowError):  # no copy is free: the only one is kept
        services.approve_loan(cast.leader, other)
    assert Loan.objects.get(pk=other.pk).status == LoanStatus.REQUESTED
    services.cancel_loan(cast.manager, other)

    time_machine.move_to(timezone.now() + timedelta(days=4))
    assert services.expire_holds() == 1
    assert services.expire_holds() == 0  # once
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == HoldStatus.EXPIRED
    assert second.status == HoldStatus.OFFERED and second.copy == loan.copy
    assert AuditEntry.objects.filter(action="archive.hold.expire", actor=None).count() == 1

    mine = services.request_loan(cast.manager, item, purpose="回放", **_dates())
    services.approve_loan(cast.leader, mine)
    second.refresh_from_db()
    assert mine.copy == loan.copy and second.status == HoldStatus.FULFILLED


def test_the_person_kept_for_borrows_the_kept_copy(cast, lent):
    item, loan = lent
    services.place_hold(cast.staff, item)
    _give_back(cast, loan)
    mine = services.request_loan(cast.staff, item, purpose="回放", **_dates())
    services.approve_loan(cast.leader, mine)
    assert mine.copy == loan.copy
    assert Hold.objects.get().status == HoldStatus.FULFILLED
    assert AuditEntry.objects.filter(action="archive.hold.fulfil").exists()


def test_leaving_the_queue_passes_the_kept_copy_to_the_next(cast, lent, login):
    item, loan = lent
    services.place_hold(cast.staff, item)
    services.place_hold(cast.manager, item)
    _give_back(cast, loan)
    first = Hold.objects.get(person=cast.staff)
    page = login(cast.staff).get(first.get_absolute_url()).content.decode()
    assert 'data-action="cancel"' in page
    response = login(cast.staff).post(
        reverse("archive:hold_action", args=[first.pk, "cancel"]), {"comment": "不需要了"}
    )
    assert response.status_code == 302
    assert Hold.objects.get(pk=first.pk).status == HoldStatus.CANCELLED
    assert Hold.objects.get(person=cast.manager).status == HoldStatus.OFFERED


def test_one_queues_only_for_an_item_with_no_copy_on_the_shelf_and_once(cast, lent, login):
    item, loan = lent
    free = ItemFactory(collection=cast.collection, custodian=cast.custodian, classification=1)
    page = login(cast.staff).get(free.get_absolute_url()).content.decode()
    assert reverse("archive:hold_place", args=[free.pk]) not in page
    with pytest.raises(WorkflowError, match="在架"):
        services.place_hold(cast.staff, free)
    page = login(cast.staff).get(item.get_absolute_url()).content.decode()
    assert reverse("archive:hold_place", args=[item.pk]) in page
    services.place_hold(cast.staff, item)
    with pytest.raises(WorkflowError, match="已在该档案的排队中"):
        services.place_hold(cast.staff, item)
    with pytest.raises(WorkflowError, match="已借有"):
        services.place_hold(cast.supervisor, item)


def test_the_custodian_sees_the_queue_and_the_person_their_place(cast, lent, login):
    item, loan = lent
    services.place_hold(cast.staff, item)
    hold = services.place_hold(cast.manager, item)
    page = login(cast.custodian).get(item.get_absolute_url()).content.decode()
    assert page.index("张伟") < page.index(reverse("archive:hold_detail", args=[hold.pk]))
    mine = login(cast.manager).get(reverse("archive:my_loans")).content.decode()
    assert reverse("archive:hold_detail", args=[hold.pk]) in mine
    detail = login(cast.manager).get(hold.get_absolute_url())
    assert detail.context["position"] == 2
