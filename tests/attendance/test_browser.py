"""On a phone: one tap checks in, with the browser's position sent to a geofenced site.

Playwright runs in a thread of its own, so this module never shares (or fights over)
the session browser of ``tests/browser``.
"""

import os
import threading

import pytest

from attendance.models import AttendanceRecord, CheckInPolicy
from tests.browser.conftest import CHROMIUM_ARGS, PHONE
from tests.conftest import require_tool
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def on_a_phone_at_the_site(base_url, steps):
    """Run ``steps(page)`` in Chromium on a phone that reports the site's position."""
    executable = os.environ.get("CHROMIUM") or require_tool("chromium")
    outcome = {}

    def run():
        from playwright.sync_api import sync_playwright

        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
                context = browser.new_context(
                    viewport=PHONE,
                    base_url=base_url,
                    is_mobile=True,
                    has_touch=True,
                    geolocation={"latitude": 31.2305, "longitude": 121.4738},
                    permissions=["geolocation"],
                )
                outcome["value"] = steps(context.new_page())
                browser.close()
        except Exception as error:  # handed to the test thread
            outcome["error"] = error

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=120)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def test_staff_checks_in_with_one_tap_on_a_phone(cast, live_server):
    CheckInPolicy.objects.create(
        site=cast.site, latitude="31.230400", longitude="121.473700", radius_metres=300
    )

    def steps(page):
        page.goto("/accounts/login/")
        page.fill("#id_username", "staff")
        page.fill("#id_password", PASSWORD)
        page.click("#login [type=submit]")
        page.wait_for_url("**/")
        page.goto("/attendance/")
        page.click("[data-testid=check-in]")
        page.wait_for_selector("[data-testid=checked-in]")
        seen = {
            "checked_in": page.locator("[data-testid=checked-in]").inner_text(),
            "check_out_button": page.locator("[data-testid=check-out]").is_visible(),
            "width_today": page.evaluate("document.documentElement.scrollWidth"),
        }
        page.goto("/attendance/month/")
        seen["width_month"] = page.evaluate("document.documentElement.scrollWidth")
        return seen

    seen = on_a_phone_at_the_site(live_server.url, steps)
    record = AttendanceRecord.objects.get(user=cast.staff)
    assert abs(float(record.check_in_lat) - 31.2305) < 1e-4
    assert "签到" in seen["checked_in"]
    assert seen["check_out_button"]
    assert seen["width_today"] <= PHONE["width"]
    assert seen["width_month"] <= PHONE["width"]
