"""Single-item grants (need-to-know): a leader lets one named person see one item outside
their collection grant, for a window and a reason. It shows in that person's lists and
search only, only in its window, ends by itself, is audited, and costs the list page no
query however many grants there are."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from archive import services
from archive.models import Collection, Item, ItemGrant
from archive.services.grants import view_item_permission
from onsite.models import AuditEntry, Notification
from onsite.permissions import visible
from onsite.workflow import WorkflowError
from tests.archive.factories import ItemFactory

pytestmark = pytest.mark.django_db


def _titles(client, **params):
    response = client.get(reverse("archive:item_list"), params)
    assert response.status_code == 200
    return {item.title for item in response.context["page"]}


def _when(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


@pytest.mark.rule("R2.4-classified-shown-to-granted-only")
def test_a_grant_shows_the_item_to_its_person_only_and_only_in_its_window(
    cast, arc, login, time_machine
):
    now = timezone.now().replace(second=0, microsecond=0)
    time_machine.move_to(now, tick=False)
    starts, ends = now + timedelta(hours=1), now + timedelta(days=2)
    response = login(cast.leader).post(
        reverse("archive:grant_create", args=[arc.confidential.pk]),
        {
            "person": cast.outsider.pk,
            "starts_at": _when(starts),
            "ends_at": _when(ends),
            "reason": "外部审计抽查",
        },
    )
    assert response.status_code == 302
    grant = ItemGrant.objects.get()
    assert (grant.user, grant.content_object, grant.reason) == (
        cast.outsider,
        arc.confidential,
        "外部审计抽查",
    )
    outsider = login(cast.outsider)
    detail = reverse("archive:item_detail", args=[arc.confidential.pk])
    assert _titles(outsider) == set()  # not yet
    assert outsider.get(detail).status_code == 404

    time_machine.move_to(starts + timedelta(minutes=1), tick=False)
    outsider = login(cast.outsider)  # a new session: the idle one expired meanwhile
    assert _titles(outsider) == {"机密录像"}  # that item, none of its neighbours
    assert _titles(outsider, q="机密") == {"机密录像"}
    assert outsider.get(detail).status_code == 200
    assert not visible(cast.outsider, Collection).exists()  # nowhere else
    assert outsider.get(reverse("archive:loan_queue")).status_code == 403
    assert "机密录像" not in _titles(login(cast.staff))  # only its person
    assert "机密录像" not in _titles(login(cast.supervisor))
    outsider = login(cast.outsider)

    time_machine.move_to(ends, tick=False)
    outsider = login(cast.outsider)
    assert _titles(outsider) == set()  # ended by itself, before any sweep
    assert outsider.get(detail).status_code == 404
    assert services.end_item_grants() == 1
    assert services.end_item_grants() == 0
    assert not ItemGrant.objects.exists()
    actions = list(
        AuditEntry.objects.filter(
            object_id=str(arc.confidential.pk), action__startswith="archive.grant."
        )
        .order_by("pk")
        .values_list("action", "actor")
    )
    assert actions == [("archive.grant.give", cast.leader.pk), ("archive.grant.end", None)]


@pytest.mark.rule("R2.4-classified-shown-to-granted-only")
def test_the_list_page_asks_the_same_queries_for_one_grant_and_for_a_hundred(
    cast, login, time_machine
):
    now = timezone.now()
    time_machine.move_to(now, tick=False)
    items = [
        ItemFactory(collection=cast.collection, custodian=cast.custodian, classification=3)
        for _ in range(100)
    ]
    permission = view_item_permission()

    def grant(item):
        ItemGrant.objects.create(
            user=cast.outsider,
            permission=permission,
            content_object=item,
            reason="审计",
            starts_at=now - timedelta(hours=1),
            ends_at=now + timedelta(days=1),
            granted_by=cast.leader,
        )

    client = login(cast.outsider)
    grant(items[0])
    with CaptureQueriesContext(connection) as captured:
        client.get(reverse("archive:item_list"))
    one = len(captured)  # counted now: the next request clears the connection's log
    for item in items[1:]:
        grant(item)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("archive:item_list"))
    hundred = len(captured)
    assert response.context["page"].paginator.count == 100
    assert one == hundred and one > 0, (one, hundred)

    fresh = get_user_model().objects.get(pk=cast.outsider.pk)  # no cached scope
    with CaptureQueriesContext(connection) as scope:
        seen = list(visible(fresh, Item).values_list("pk", flat=True))
    assert len(seen) == 100 and len(scope) == 1  # the whole scope is one query


def test_only_the_leader_grants_and_a_reason_and_a_bounded_window_are_needed(
    cast, arc, login, settings
):
    url = reverse("archive:grant_create", args=[arc.secret.pk])
    now = timezone.now()
    data = {
        "person": cast.hr.pk,
        "starts_at": _when(now),
        "ends_at": _when(now + timedelta(days=3)),
        "reason": "",
    }
    assert login(cast.custodian).post(url, data).status_code == 403
    response = login(cast.leader).post(url, data)
    assert response.status_code == 200 and response.context["form"].errors
    settings.ARCHIVE_MAX_GRANT_DAYS = 2
    response = login(cast.leader).post(url, {**data, "reason": "律师查阅"})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert not ItemGrant.objects.exists()
    settings.ARCHIVE_MAX_GRANT_DAYS = 90
    assert login(cast.leader).post(url, {**data, "reason": "律师查阅"}).status_code == 302
    assert Notification.objects.filter(recipient=cast.hr, body="律师查阅").exists()
    with pytest.raises(WorkflowError):  # one grant per person and item at a time
        services.grant_item(
            cast.leader,
            arc.secret,
            person=cast.hr,
            reason="再次",
            starts_at=now,
            ends_at=now + timedelta(days=1),
        )


@pytest.mark.rule("R2.4-classified-shown-to-granted-only")
def test_revoking_a_grant_ends_it_on_the_next_request_and_is_audited(cast, arc, login):
    now = timezone.now()
    grant = services.grant_item(
        cast.leader,
        arc.secret,
        person=cast.hr,
        reason="审计",
        starts_at=now - timedelta(minutes=1),
        ends_at=now + timedelta(days=1),
    )
    hr = login(cast.hr)
    detail = reverse("archive:item_detail", args=[arc.secret.pk])
    assert hr.get(detail).status_code == 200
    page = login(cast.leader).get(detail).content.decode()
    assert reverse("archive:grant_revoke", args=[grant.pk]) in page
    response = login(cast.leader).post(
        reverse("archive:grant_revoke", args=[grant.pk]), {"comment": "审计结束"}
    )
    assert response.status_code == 302
    assert login(cast.hr).get(detail).status_code == 404
    entry = AuditEntry.objects.get(action="archive.grant.revoke")
    assert entry.actor == cast.leader and "审计结束" in entry.comment


def test_the_grant_is_a_guardian_object_permission(cast, arc):
    now = timezone.now()
    services.grant_item(
        cast.leader,
        arc.secret,
        person=cast.hr,
        reason="审计",
        starts_at=now - timedelta(minutes=1),
        ends_at=now + timedelta(hours=1),
    )
    hr = get_user_model().objects.get(pk=cast.hr.pk)
    assert hr.has_perm("archive.view_item", arc.secret)
    assert not hr.has_perm("archive.view_item", arc.public)
    assert not hr.has_perm("archive.view_item")  # no model-wide permission
    services.end_item_grants(now + timedelta(hours=2))
    hr = get_user_model().objects.get(pk=cast.hr.pk)
    assert not hr.has_perm("archive.view_item", arc.secret)
