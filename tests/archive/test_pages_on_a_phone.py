"""The archive's pages of digital loans, single-item grants, integrity, downloads and holds
fit a phone (Chromium at 390 px) for the people who use them."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from archive import services
from archive.choices import LoanStatus
from tests.archive.factories import (
    GrantFactory,
    ItemFactory,
    make_digital_loan,
    make_file,
    make_hold,
    make_loan,
)
from tests.conftest import PHONE
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, username):
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("#login [type=submit]")
    page.wait_for_url("**/")


def _scene(cast):
    GrantFactory(user=cast.staff, collection=cast.collection, clearance=2)
    item = ItemFactory(
        collection=cast.collection,
        custodian=cast.custodian,
        classification=2,
        title="市政府常务会议录音（第十二次全体会议全程）",
    )
    stored = make_file(item, name="市政府常务会议录音第十二次全体会议全程高清版本.mp4")
    digital = make_digital_loan(item, cast.staff, LoanStatus.ACCESS)
    approved = make_digital_loan(
        ItemFactory(collection=cast.collection, custodian=cast.custodian, classification=2),
        cast.staff,
        LoanStatus.APPROVED,
    )
    make_file(approved.item)
    make_loan(item, cast.supervisor, LoanStatus.HANDED_OVER)
    hold = make_hold(item, cast.staff)
    now = timezone.now()
    services.grant_item(
        cast.leader,
        item,
        person=cast.hr,
        reason="配合年度保密检查，核对会议录音登记与实物是否一致",
        starts_at=now,
        ends_at=now + timedelta(days=5),
    )
    services.verify_stored_files(budget_bytes=10**9)
    return item, stored, digital, approved, hold


def _widths(page, paths):
    found = {}
    for path in paths:
        response = page.goto(path)
        assert response.status == 200 and response.url.endswith(path), (path, response.status)
        found[path] = page.evaluate("document.documentElement.scrollWidth")
    return found


def test_the_new_archive_pages_fit_a_phone(cast, new_page):
    item, stored, digital, approved, hold = _scene(cast)
    seen = {}
    custodian = new_page(phone=True)
    _log_in(custodian, "custodian")
    seen.update(
        _widths(
            custodian,
            [
                item.get_absolute_url(),
                reverse("archive:integrity_list"),
                reverse("archive:download_list"),
                reverse("archive:grant_list"),
                digital.get_absolute_url(),
                hold.get_absolute_url(),
                reverse("archive:discrepancy_list"),
            ],
        )
    )
    leader = new_page(phone=True)
    _log_in(leader, "leader")
    seen.update(_widths(leader, [reverse("archive:grant_create", args=[item.pk])]))
    staff = new_page(phone=True)
    _log_in(staff, "staff")
    seen.update(
        _widths(
            staff,
            [
                reverse("archive:loan_sign", args=[approved.pk]),
                reverse("archive:digital_loan_request", args=[approved.item_id]),
                reverse("archive:my_loans"),
                reverse("archive:hold_place", args=[item.pk]),
            ],
        )
    )
    too_wide = {path: width for path, width in seen.items() if width > PHONE["width"]}
    assert not too_wide, too_wide
