"""A person with a phone or a desktop: log in, find the menu, switch language, log out."""

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, NotificationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, login):
    page.goto("/accounts/login/")
    page.fill("#id_username", login)
    page.fill("#id_password", PASSWORD)
    page.click("#login [type=submit]")
    page.wait_for_url("**/")


def test_staff_logs_in_on_a_phone_with_the_employee_number(cast, phone):
    NotificationFactory.create_batch(2, recipient=cast.staff)
    _log_in(phone, cast.staff.profile.employee_no)
    assert phone.locator("h1").inner_text() == "欢迎，张伟"
    # On a phone the menu is folded behind the toggler; the unread count stays visible.
    assert phone.locator("#unread-badge-sm").inner_text() == "2"
    assert not phone.locator("[data-testid=main-nav]").is_visible()
    phone.click(".navbar-toggler")
    nav = phone.locator("[data-testid=main-nav]")
    nav.wait_for(state="visible")
    assert "通知" in nav.inner_text()
    assert "人员" not in nav.inner_text()  # staff have no staff directory
    # Nothing wider than the screen.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


def test_supervisor_switches_to_english_and_logs_out(cast, desktop):
    _log_in(desktop, "supervisor")
    nav = desktop.locator("[data-testid=main-nav]")
    assert "人员" in nav.inner_text()
    desktop.click("[data-testid=language-form] button[value=en]")
    desktop.wait_for_load_state()
    assert "Staff" in desktop.locator("[data-testid=main-nav]").inner_text()
    assert desktop.locator("html").get_attribute("lang") == "en"
    desktop.click(".navbar .dropdown-toggle")
    desktop.click("text=Log out")
    desktop.wait_for_url("**/accounts/login/")
    assert desktop.locator("#id_username").is_visible()


def test_mark_a_notification_read_without_reloading(cast, desktop):
    note = NotificationFactory(recipient=cast.staff, title="机房巡检提醒")
    _log_in(desktop, "staff")
    desktop.goto("/notifications/")
    desktop.click(f"#note-{note.pk} button")
    desktop.locator(f"#note-{note.pk} button").wait_for(state="detached")
    expect(desktop.locator("#unread-badge")).to_be_hidden()
    note.refresh_from_db()
    assert note.read_at is not None
