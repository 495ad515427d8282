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


def _sign_in(page, username):
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("#login [type=submit]")
    page.wait_for_url("**/")


@pytest.mark.rule("R2.3-hr-supervises-attendance")
def test_the_summarys_pdf_and_excel_buttons_queue_the_whole_company(cast, desktop, settings):
    from attendance.models import AttendanceExport

    settings.CELERY_TASK_ALWAYS_EAGER = False  # queued, not built inside the click
    _sign_in(desktop, "hr")
    for fmt, label in (("pdf", "PDF"), ("xlsx", "Excel")):
        desktop.goto("/attendance/summary/?month=2026-11")
        desktop.locator("[data-testid=export-company]").get_by_role("button", name=label).click()
        desktop.wait_for_url("**/attendance/exports/")
        assert "暂无导出" not in desktop.locator("[data-testid=exports]").inner_text()
        export = AttendanceExport.objects.filter(requested_by=cast.hr, format=fmt).get()
        assert (export.scope, export.year, export.month) == ("company", 2026, 11)
    assert desktop.locator("[data-testid=exports] tbody tr").count() == 2


def test_a_link_to_the_whole_company_file_starts_nothing_and_says_how(cast, desktop):
    from attendance.models import AttendanceExport

    _sign_in(desktop, "hr")
    desktop.goto("/attendance/exports/pdf/?month=2026-11")
    desktop.wait_for_url("**/attendance/exports/?month=2026-11")
    assert "按钮" in desktop.locator(".alert").inner_text()
    assert not AttendanceExport.objects.exists()
