"""The personal iCalendar feed: parsed back by a calendar library, renewed, revoked."""

from datetime import date

import time_machine
from django.urls import reverse
from icalendar import Calendar

from onsite.models import AuditEntry
from tests.equipment.helpers import at


def _feed_url(client):
    client.post(reverse("equipment:feed_settings"), {"action": "renew"})
    return client.get(reverse("equipment:feed_settings")).context["url"]


@time_machine.travel(at(date(2026, 11, 20)), tick=False)
def test_the_feed_is_parsed_back_with_the_due_inspection_and_the_next_occurrences(
    cast, eq, login, client
):
    url = _feed_url(login(cast.staff))
    client.logout()  # calendar clients have no session
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    events = list(Calendar.from_ical(response.content).walk("VEVENT"))
    by_day = {e.decoded("dtstart"): e for e in events}
    assert set(by_day) >= {date(2026, 12, 1), date(2027, 1, 1)}
    first = by_day[date(2026, 12, 1)]
    assert str(first["summary"]) == "机房月检"
    assert f"/equipment/inspections/{eq.plan.inspections.get().pk}/record/" in str(first["url"])
    assert str(first["uid"]).startswith("inspection-")


@time_machine.travel(at(date(2026, 11, 20)), tick=False)
def test_a_renewed_link_revokes_the_old_one_and_revoking_removes_it(cast, eq, login, client):
    staff = login(cast.staff)
    old = _feed_url(staff)
    new = _feed_url(staff)
    assert old != new
    assert client.get(new).status_code == 200
    assert client.get(old).status_code == 404
    staff.post(reverse("equipment:feed_settings"), {"action": "revoke"})
    assert client.get(new).status_code == 404
    assert AuditEntry.objects.filter(action="equipment.feed.revoke").count() == 1


@time_machine.travel(at(date(2026, 11, 20)), tick=False)
def test_the_feed_shows_only_what_its_owner_sees(cast, eq, login, client):
    url = _feed_url(login(cast.outsider))
    assert Calendar.from_ical(client.get(url).content).walk("VEVENT") == []
