"""Fixtures of the archive tests: private media in a temporary folder, items and grants."""

import base64
import io
from types import SimpleNamespace

import pytest
from django.utils import translation

from tests.archive.factories import GrantFactory, ItemFactory


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def english():
    """Messages in English, for tests that match their text."""
    with translation.override("en"):
        yield


@pytest.fixture
def arc(cast):
    """Items of cast.collection at each level; staff cleared up to Secret (2), the
    supervisor only up to Public (0); the outsider has no grant."""
    custodian = cast.custodian
    items = SimpleNamespace(
        public=ItemFactory(
            collection=cast.collection, custodian=custodian, classification=0, title="公开录像"
        ),
        internal=ItemFactory(
            collection=cast.collection, custodian=custodian, classification=1, title="内部录像"
        ),
        secret=ItemFactory(
            collection=cast.collection, custodian=custodian, classification=2, title="秘密录音"
        ),
        confidential=ItemFactory(
            collection=cast.collection, custodian=custodian, classification=3, title="机密录像"
        ),
    )
    GrantFactory(user=cast.staff, collection=cast.collection, clearance=2)
    GrantFactory(user=cast.supervisor, collection=cast.collection, clearance=0)
    return items


def png_signature(blank=False):
    """A small PNG data URL: a drawn stroke, or an empty (transparent) box."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (120, 40), (0, 0, 0, 0))
    if not blank:
        ImageDraw.Draw(image).line([(5, 30), (60, 5), (115, 30)], fill=(0, 0, 0, 255), width=3)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()
