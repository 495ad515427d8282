"""Scanning copy labels on a phone during a shelf audit (Chromium at 390 px).

Chromium on a Linux server has no BarcodeDetector and no camera, so the first test gives
the page a stand-in for both (a detector that reads a given code from a blank video): the
camera button appears, a code read is sent at once and the copy's row turns "found". The
second test has no detector at all: the button stays hidden and typing the code works.
"""

import pytest

from archive import services
from archive.choices import AuditResult
from archive.models import AuditLine
from tests.archive.factories import ItemFactory
from tests.conftest import PHONE
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FAKE_CAMERA = """
window.BarcodeDetector = class {
  static getSupportedFormats() { return Promise.resolve(["qr_code"]); }
  detect() { return Promise.resolve([{ rawValue: %r }]); }
};
navigator.mediaDevices.getUserMedia = () => {
  const canvas = document.createElement("canvas");
  canvas.width = 64; canvas.height = 64;
  canvas.getContext("2d").fillRect(0, 0, 64, 64);
  return Promise.resolve(canvas.captureStream(5));
};
"""


def _log_in(page, username):
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("#login [type=submit]")
    page.wait_for_url("**/")


def _audit(cast):
    item = ItemFactory(collection=cast.collection, custodian=cast.custodian, copies=2)
    record = services.start_audit(cast.custodian, cast.collection)
    return item, record


def test_a_label_read_by_the_camera_marks_its_copy_found(cast, new_page):
    item, record = _audit(cast)
    copy = item.copies.get(number=2)
    page = new_page(phone=True)
    page.add_init_script(FAKE_CAMERA % copy.code)
    _log_in(page, "custodian")
    page.goto(f"/archive/audits/{record.pk}/")
    button = page.locator("[data-scan-for=id_code]")
    button.click()
    line = AuditLine.objects.get(audit=record, copy=copy)
    page.locator(f"#line-{line.pk} .text-bg-success").wait_for()
    assert page.locator("#scan-result .alert-success").count() == 1
    assert page.input_value("#id_code") == ""  # ready for the next copy
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    line.refresh_from_db()
    assert line.result == AuditResult.FOUND


def test_without_a_camera_typing_the_code_works_and_a_wrong_one_is_refused(cast, new_page):
    item, record = _audit(cast)
    copy = item.copies.get(number=1)
    page = new_page(phone=True)
    _log_in(page, "custodian")
    page.goto(f"/archive/audits/{record.pk}/")
    assert page.locator("[data-scan-for=id_code]").is_hidden()
    page.fill("#id_code", "COL-99999-9")
    page.press("#id_code", "Enter")
    page.locator("#scan-result .alert-danger").wait_for()
    assert "COL-99999-9" in page.inner_text("#scan-result")
    page.fill("#id_code", copy.code.lower())
    page.press("#id_code", "Enter")
    page.locator("#scan-result .alert-success").wait_for()
    assert AuditLine.objects.get(audit=record, copy=copy).result == AuditResult.FOUND
    others = AuditLine.objects.filter(audit=record).exclude(copy=copy)
    assert set(others.values_list("result", flat=True)) == {AuditResult.PENDING}
