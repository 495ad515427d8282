"""The borrower draws a signature on the custodian's screen (the vendored canvas script)."""

import pytest

from archive.choices import LoanStatus, SignatureMethod
from archive.models import Signature
from tests.archive.factories import GrantFactory, ItemFactory, make_loan
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


def test_hand_over_with_a_signature_drawn_in_the_browser(cast, desktop):
    item = ItemFactory(collection=cast.collection, custodian=cast.custodian, classification=1)
    GrantFactory(user=cast.staff, collection=cast.collection, clearance=1)
    loan = make_loan(item, cast.staff, LoanStatus.APPROVED)
    _log_in(desktop, "custodian")
    desktop.goto(f"/archive/loans/{loan.pk}/hand-over/")
    assert desktop.locator("#password-box").is_hidden()
    _draw(desktop)
    desktop.click("#sign-form [type=submit]")
    desktop.wait_for_url(f"**/archive/loans/{loan.pk}/")
    loan.refresh_from_db()
    assert loan.status == LoanStatus.HANDED_OVER
    signed = Signature.objects.get(loan=loan)
    assert signed.method == SignatureMethod.DRAWN
    assert bytes(signed.image).startswith(b"\x89PNG")
    assert desktop.locator("img[alt]").count() >= 1  # the signature is shown on the loan


def test_an_empty_box_is_refused_and_the_password_way_works(cast, phone, tmp_path):
    item = ItemFactory(collection=cast.collection, custodian=cast.custodian, classification=1)
    GrantFactory(user=cast.staff, collection=cast.collection, clearance=1)
    loan = make_loan(item, cast.staff, LoanStatus.APPROVED)
    _log_in(phone, "custodian")
    phone.goto(f"/archive/loans/{loan.pk}/hand-over/")
    phone.click("#sign-form [type=submit]")
    assert phone.locator(".alert-danger, .invalid-feedback").count() >= 1
    phone.check("input[name=method][value=password]")
    assert phone.locator("#drawn-box").is_hidden()
    phone.fill("#id_password", PASSWORD)
    phone.click("#sign-form [type=submit]")
    phone.wait_for_url(f"**/archive/loans/{loan.pk}/")
    loan.refresh_from_db()
    assert loan.status == LoanStatus.HANDED_OVER
    assert Signature.objects.get(loan=loan).method == SignatureMethod.PASSWORD
    phone.screenshot(path=str(tmp_path / "loan.png"), full_page=True)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
