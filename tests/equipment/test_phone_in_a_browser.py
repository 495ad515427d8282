"""On a phone in Chromium: staff open their due inspection, fail one check with a note and a
photo, save; the inspection is done, a fault is open and the photo is kept privately."""

import io

import pytest
from django.utils import timezone

from equipment.models import Fault, Inspection, InspectionResult
from tests.conftest import PHONE
from tests.equipment.factories import EquipmentFactory, make_plan
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def _photo():
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (3000, 2000), (20, 120, 200)).save(out, format="JPEG")
    return out.getvalue()


@pytest.mark.rule("R2.4-venue-inspection", "R2.4-antivirus")
def test_staff_record_an_inspection_with_a_photo_from_a_phone(cast, new_page):
    pc = EquipmentFactory(site=cast.site, venue=cast.venue, name="主控电脑")
    plan = make_plan(
        cast.admin,
        [pc],
        venue=cast.venue,
        kind="antivirus",
        starts_on=timezone.localdate(),
        assignee=cast.staff,
        title="防病毒周检",
    )
    inspection = Inspection.objects.get(plan=plan)
    page = new_page(phone=True)
    page.goto("/accounts/login/")
    page.fill("#id_username", "staff")
    page.fill("#id_password", PASSWORD)
    page.click("#login [type=submit]")
    page.wait_for_url("**/")
    page.goto("/equipment/due/")
    widths = {"due": page.evaluate("document.documentElement.scrollWidth")}
    page.click("[data-testid=due-today] a")
    page.wait_for_selector("#inspection-form")
    widths["form"] = page.evaluate("document.documentElement.scrollWidth")
    # Second check (full scan) failed, with a note and a photo; threats found on the third.
    page.click("label[for=id_o1_1]")
    page.fill("#id_n1", "全盘扫描中断")
    page.set_input_files(
        "#id_p1", files=[{"name": "scan.jpg", "mimeType": "image/jpeg", "buffer": _photo()}]
    )
    page.fill("#id_t2", "2")
    page.click("#inspection-form [type=submit]")
    page.wait_for_selector("[data-testid=history]")
    widths["detail"] = page.evaluate("document.documentElement.scrollWidth")
    page.goto(pc.get_absolute_url())
    widths["device"] = page.evaluate("document.documentElement.scrollWidth")

    inspection.refresh_from_db()
    assert inspection.status == "done" and inspection.done_by == cast.staff
    updated, scan, threats = InspectionResult.objects.filter(inspection=inspection).order_by("pk")
    assert updated.outcome == "pass"
    assert scan.outcome == "fail" and scan.note == "全盘扫描中断"
    assert scan.photo and len(scan.photo_sha256) == 64
    assert threats.outcome == "fail" and threats.threats_found == 2
    assert Fault.objects.filter(equipment=pc, status="reported").count() == 2
    assert max(widths.values()) <= PHONE["width"], widths
