"""Revoking a role, a scope or a person takes effect on the very next request.

Each scope kind of the project: a person signed in opens a page of an object in their scope,
the grant is taken away in the database (as an administrator would), and the same session's
next request is refused. Nothing is cached beyond one request.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from onsite.models import Assignment
from tests.archive.factories import GrantFactory, ItemFactory


def _item(cast, classification=1):
    return ItemFactory(
        collection=cast.collection, custodian=cast.custodian, classification=classification
    )


def _lower_grant(cast):
    GrantFactory(user=cast.staff, collection=cast.collection, clearance=1)
    item = _item(cast)

    def revoke():
        cast.staff.archive_grants.update(clearance=0)

    return cast.staff, reverse("archive:item_detail", args=[item.pk]), revoke


def _end_assignment(cast):
    def revoke():
        Assignment.objects.filter(user=cast.staff).update(
            end_date=timezone.localdate() - timedelta(days=1),
            start_date=timezone.localdate() - timedelta(days=30),
        )

    return cast.staff, reverse("onsite:venue_detail", args=[cast.venue.pk]), revoke


SCOPES = {
    "department supervisor": lambda c: (
        c.supervisor,
        reverse("onsite:staff_detail", args=[c.staff.pk]),
        lambda: c.dept_a.supervisors.remove(c.supervisor),
    ),
    "venue manager": lambda c: (
        c.manager,
        reverse("onsite:venue_detail", args=[c.venue.pk]),
        lambda: c.venue.managers.remove(c.manager),
    ),
    "venue leader": lambda c: (
        c.leader,
        reverse("onsite:venue_detail", args=[c.venue.pk]),
        lambda: c.venue.leaders.remove(c.leader),
    ),
    "assignment to the venue's site": _end_assignment,
    "collection custodian": lambda c: (
        c.custodian,
        reverse("archive:item_detail", args=[_item(c).pk]),
        lambda: c.collection.custodians.remove(c.custodian),
    ),
    "collection leader": lambda c: (
        c.leader,
        reverse("archive:item_detail", args=[_item(c).pk]),
        lambda: c.collection.leaders.remove(c.leader),
    ),
    "collection grant lowered below the item": _lower_grant,
    "role taken away": lambda c: (
        c.hr,
        reverse("onsite:staff_list"),
        lambda: c.hr.groups.clear(),
    ),
}


@pytest.mark.parametrize("kind", sorted(SCOPES))
def test_a_revoked_scope_is_refused_on_the_next_request(kind, cast, login):
    person, url, revoke = SCOPES[kind](cast)
    client = login(person)
    assert client.get(url).status_code == 200
    revoke()
    assert client.get(url).status_code in (403, 404)


def test_a_deactivated_person_is_signed_out_on_the_next_request(cast, login):
    client = login(cast.staff)
    assert client.get(reverse("onsite:home")).status_code == 200
    type(cast.staff).objects.filter(pk=cast.staff.pk).update(is_active=False)
    response = client.get(reverse("onsite:home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
