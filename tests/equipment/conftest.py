"""Fixtures of the equipment tests: private media in a temporary folder, a control room's
equipment at the cast's site and venue, and a monthly plan over two of its devices."""

import io
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from equipment.choices import EquipmentKind
from tests.equipment.factories import EquipmentFactory, make_plan


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def eq(cast):
    """Two computers and a mixer in cast.venue (at cast.site), a monthly plan over the
    computers first due 1 December 2026, done by cast.staff."""
    pc1 = EquipmentFactory(site=cast.site, venue=cast.venue, name="主控电脑", serial="PC-1")
    pc2 = EquipmentFactory(site=cast.site, venue=cast.venue, name="备用电脑", serial="PC-2")
    mixer = EquipmentFactory(
        site=cast.site, venue=cast.venue, name="调音台", kind=EquipmentKind.AV, serial="MX-1"
    )
    plan = make_plan(
        cast.admin, [pc1, pc2], venue=cast.venue, title="机房月检", assignee=cast.staff
    )
    return SimpleNamespace(pc1=pc1, pc2=pc2, mixer=mixer, plan=plan)


def jpeg(width=2400, height=1800, color=(200, 30, 30)):
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), color).save(out, format="JPEG")
    return SimpleUploadedFile("photo.jpg", out.getvalue(), content_type="image/jpeg")
