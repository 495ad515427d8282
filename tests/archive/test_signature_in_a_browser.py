"""The borrower draws a signature on the custodian's screen (the vendored canvas script)."""

import pytest

from archive.choices import LoanStatus, SignatureMethod
from archive.models import Signature
from tests.archive.factories import GrantFactory, ItemFactory, make_loan
from tests.conftest import PHONE
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, username):
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("#login [type=submit]")
    page.wait_for_url("**/")


def _draw(page):
    box = page.locator("#signature-pad").bounding_box()
    x, y = box["x"], box["y"]
    page.mouse.move(x + 20, y + box["height"] * 0.7)
    page.mouse.down()
    for step in range(1, 12):
        page.mouse.move(x + 20 + step * 25, y + box["height"] * (0.7 - 0.04 * (step % 5)))
    page.mouse.up()


def test_hand_over_with_a_signature_drawn_in_the_browser(cast, new_page):
    item = ItemFactory(collection=cast.collection, custodian=cast.custodian, classification=1)
    GrantFactory(user=cast.staff, collection=cast.collection, clearance=1)
    loan = make_loan(item, cast.staff, LoanStatus.APPROVED)
    seen = {}

    def scenario(page):
        _log_in(page, "custodian")
        page.goto(f"/archive/loans/{loan.pk}/hand-over/")
        seen["password_hidden"] = page.locator("#password-box").is_hidden()
        page.fill("#id_copy_code", loan.copy.code)
        _draw(page)
        page.click("#sign-form [type=submit]")
        page.wait_for_url(f"**/archive/loans/{loan.pk}/")
        seen["images"] = page.locator("img[alt]").count()

    scenario(new_page())
    assert seen == {"password_hidden": True, "images": 1}  # the signature is shown
    loan.refresh_from_db()
    assert loan.status == LoanStatus.HANDED_OVER
    signed = Signature.objects.get(loan=loan)
    assert signed.method == SignatureMethod.DRAWN
    assert bytes(signed.image).startswith(b"\x89PNG")


def test_an_empty_box_is_refused_and_the_password_way_works(cast, new_page):
    item = ItemFactory(collection=cast.collection, custodian=cast.custodian, classification=1)
    GrantFactory(user=cast.staff, collection=cast.collection, clearance=1)
    loan = make_loan(item, cast.staff, LoanStatus.APPROVED)
    seen = {}

    def scenario(page):
        _log_in(page, "custodian")
        page.goto(f"/archive/loans/{loan.pk}/hand-over/")
        page.click("#sign-form [type=submit]")
        seen["refused"] = page.locator(".alert-danger").count()
        page.check("input[name=method][value=password]")
        seen["drawn_hidden"] = page.locator("#drawn-box").is_hidden()
        page.fill("#id_password", PASSWORD)
        page.fill("#id_copy_code", loan.copy.code)
        page.click("#sign-form [type=submit]")
        page.wait_for_url(f"**/archive/loans/{loan.pk}/")
        seen["width"] = page.evaluate("document.documentElement.scrollWidth")

    scenario(new_page(phone=True))
    assert seen["refused"] == 1 and seen["drawn_hidden"]
    assert seen["width"] <= PHONE["width"]  # nothing wider than the phone
    loan.refresh_from_db()
    assert loan.status == LoanStatus.HANDED_OVER
    assert Signature.objects.get(loan=loan).method == SignatureMethod.PASSWORD
