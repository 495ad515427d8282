"""On a phone: one tap checks in, with the browser's position sent to a geofenced site."""

import pytest

from attendance.models import AttendanceRecord, CheckInPolicy
from tests.conftest import PHONE
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_checks_in_with_one_tap_on_a_phone(cast, new_page):
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

    seen = steps(
        new_page(
            phone=True,
            geolocation={"latitude": 31.2305, "longitude": 121.4738},
            permissions=["geolocation"],
        )
    )
    record = AttendanceRecord.objects.get(user=cast.staff)
    assert abs(float(record.check_in_lat) - 31.2305) < 1e-4
    assert "签到" in seen["checked_in"]
    assert seen["check_out_button"]
    assert seen["width_today"] <= PHONE["width"]
    assert seen["width_month"] <= PHONE["width"]


def test_the_lists_and_their_filters_fit_a_phone(cast, new_page):
    from datetime import time

    from django.utils import timezone

    from attendance.models import OvertimeRequest

    request = OvertimeRequest.objects.create(
        user=cast.staff,
        site=cast.site,
        date=timezone.localdate(),
        start_time=time(19),
        end_time=time(21),
        planned_minutes=120,
        kind="workday",
        reason="会议保障",
        status="supervisor_approved",
    )
    page = new_page(phone=True)
    page.goto("/accounts/login/")
    page.fill("#id_username", "hr")
    page.fill("#id_password", PASSWORD)
    page.click("#login [type=submit]")
    page.wait_for_url("**/")
    widths = {}
    for path in (
        "/attendance/summary/",
        "/attendance/all-requests/?kind=overtime&status=supervisor_approved",
        "/attendance/queue/",
        "/attendance/exports/",
        f"/attendance/overtime/{request.pk}/",
    ):
        page.goto(path)
        widths[path] = page.evaluate("document.documentElement.scrollWidth")
    assert page.locator("[data-action=file]").is_visible()
    assert all(width <= PHONE["width"] for width in widths.values()), widths
