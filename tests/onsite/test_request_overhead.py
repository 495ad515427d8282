"""What being signed in costs a page: at most three queries (the session; the person with
their profile, roles and unread count; their scope grants of today), whatever their role and
however many notifications and grants they have (issue 13)."""

import time

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext

from onsite import sessions
from onsite.conf import conf
from onsite.models import Assignment
from tests.archive.factories import CollectionFactory
from tests.factories import (
    DepartmentFactory,
    NotificationFactory,
    SiteFactory,
    VenueFactory,
)

ROLES = ["staff", "supervisor", "hr", "vp", "manager", "custodian", "leader", "outsider", "admin"]
PLAIN_PAGE = "/plain-page/"
OVERHEAD = 3


@pytest.fixture(autouse=True)
def _plain_page(settings):
    settings.ROOT_URLCONF = "tests.onsite.urls_baseline"


def _give_a_lot(person, count):
    """``count`` unread notifications and ``count`` grants of every kind to ``person``."""
    NotificationFactory.create_batch(count, recipient=person)
    for _number in range(count):
        venue = VenueFactory(site=SiteFactory())
        venue.managers.add(person)
        venue.leaders.add(person)
        Assignment.objects.create(user=person, site=venue.site, start_date="2026-01-01")
        DepartmentFactory().supervisors.add(person)
        collection = CollectionFactory()
        collection.custodians.add(person)
        collection.leaders.add(person)


def _page_queries(client):
    client.get(PLAIN_PAGE)  # the session's renewal after sign-in is not the page's cost
    with CaptureQueriesContext(connection) as queries:
        response = client.get(PLAIN_PAGE)
    assert response.status_code == 200
    return response, [query["sql"] for query in queries.captured_queries]


@pytest.mark.parametrize("role", ROLES)
def test_a_plain_signed_in_page_costs_at_most_three_queries(role, cast, login):
    _response, queries = _page_queries(login(getattr(cast, role)))
    assert len(queries) <= OVERHEAD, "\n".join(queries)


@pytest.mark.parametrize("role", ROLES)
def test_the_cost_is_the_same_with_thirty_notifications_and_grants(role, cast, login):
    person = getattr(cast, role)
    _give_a_lot(person, 1)
    few_response, few = _page_queries(login(person))
    _give_a_lot(person, 29)
    many_response, many = _page_queries(login(person))
    assert len(few) == len(many) <= OVERHEAD
    assert few_response.context["unread_count"] == 1
    assert many_response.context["unread_count"] == 30


def test_the_overhead_holds_when_the_cache_answers_as_empty(cast, login, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    NotificationFactory.create_batch(2, recipient=cast.supervisor)
    response, queries = _page_queries(login(cast.supervisor))
    assert len(queries) <= OVERHEAD
    assert response.context["unread_count"] == 2
    assert "onsite:staff_list" in [item["name"] for item in response.context["nav_items"]]


def test_reading_a_notification_changes_the_count_of_the_same_request(cast, login):
    note = NotificationFactory(recipient=cast.staff)
    response = login(cast.staff).post(
        f"/notifications/{note.pk}/read/", HTTP_HX_REQUEST="true", follow=False
    )
    assert response.status_code == 200
    assert response.context["unread_count"] == 0


def test_a_session_is_renewed_at_most_once_a_period_and_still_ends_when_idle(
    cast, login, monkeypatch
):
    now = [time.time()]
    monkeypatch.setattr(sessions, "_clock", lambda: now[0])
    client = login(cast.staff)
    client.get(PLAIN_PAGE)
    key = client.session.session_key
    first = Session.objects.get(pk=key).expire_date
    now[0] += 30
    _response, queries = _page_queries(client)
    assert not [sql for sql in queries if sql.startswith("UPDATE")]  # within the period
    assert Session.objects.get(pk=key).expire_date == first
    now[0] += conf.SESSION_RENEW_SECONDS
    client.get(PLAIN_PAGE)
    assert Session.objects.get(pk=key).expire_date > first  # renewed: the idle clock restarts
    Session.objects.filter(pk=key).update(expire_date="2000-01-01T00:00:00Z")
    assert client.get(PLAIN_PAGE).status_code == 302  # idle past the age: signed out
