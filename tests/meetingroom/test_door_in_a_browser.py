"""The door page on a tablet: who is inside, the lockdown state, quick entry and exit, and
it refreshes itself (htmx polling every 30 s)."""

import pytest
from playwright.sync_api import expect

from meetingroom import services
from meetingroom.models import AccessEntry
from tests.factories import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.rule("R2.4-control-room-no-unlisted-entry"),
]
TABLET = {"width": 800, "height": 1280}


def test_the_door_page_logs_entries_and_exits_and_refreshes_itself(cast, new_page):
    page = new_page(viewport=TABLET, has_touch=True)
    page.clock.install()
    page.goto("/accounts/login/")
    page.fill("#id_username", "manager")
    page.fill("#id_password", PASSWORD)
    page.click("#login [type=submit]")
    page.wait_for_url("**/")
    page.goto(f"/meetings/venues/{cast.venue.pk}/door/")
    assert page.locator("#door-panel").get_attribute("hx-trigger") == "every 30s"
    assert page.locator("[data-testid=lockdown-state] .alert-success").count() == 1
    # Quick entry: choose the person, one tap.
    page.select_option("#id_person", str(cast.staff.pk))
    page.click("[data-testid=quick-entry] [type=submit]")
    page.wait_for_url(f"**/meetings/venues/{cast.venue.pk}/door/")
    assert "张伟" in page.locator("[data-testid=inside]").inner_text()
    # Someone logged elsewhere appears by itself after the next poll.
    services.log_entry(cast.manager, cast.venue, person=cast.manager)
    manager_name = str(cast.manager.last_name) + str(cast.manager.first_name)
    assert manager_name not in page.locator("[data-testid=inside]").inner_text()
    page.clock.fast_forward("00:31")
    # expect polls through Playwright's selectors (wait_for_function would eval a string in
    # the page, which the Content-Security-Policy refuses).
    expect(page.locator("[data-testid=inside]")).to_contain_text(manager_name)
    # Exit: the button, then the confirmation, back at the door.
    page.locator("[data-testid=inside] li", has_text="张伟").locator("[data-action=exit]").click()
    page.click("form [type=submit].btn-primary")
    page.wait_for_url(f"**/meetings/venues/{cast.venue.pk}/door/")
    assert "张伟" not in page.locator("[data-testid=inside]").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= TABLET["width"]
    entry = AccessEntry.objects.get(person=cast.staff)
    assert entry.exited_at is not None and entry.exit_logged_by == cast.manager


def test_the_pages_fit_a_phone(cast, new_page):
    from tests.conftest import PHONE
    from tests.meetingroom import factories as f

    meeting = f.make_meeting(cast.venue, cast.manager, classification=2)
    f.make_entry(cast.venue, cast.staff, cast.manager)
    page = new_page(phone=True)
    page.goto("/accounts/login/")
    page.fill("#id_username", "manager")
    page.fill("#id_password", PASSWORD)
    page.click("#login [type=submit]")
    page.wait_for_url("**/")
    widths = {}
    for path in [
        "/meetings/",
        f"/meetings/venues/{cast.venue.pk}/",
        f"/meetings/venues/{cast.venue.pk}/log/",
        f"/meetings/venues/{cast.venue.pk}/meetings/",
        f"/meetings/meetings/{meeting.pk}/",
        f"/meetings/venues/{cast.venue.pk}/visits/",
        "/meetings/pledges/",
        "/meetings/exports/",
    ]:
        page.goto(path)
        widths[path] = page.evaluate("document.documentElement.scrollWidth")
    assert all(width <= PHONE["width"] for width in widths.values()), widths
