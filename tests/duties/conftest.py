"""Fixtures of the duties tests."""

import base64
import io

import pytest
from django.utils import translation


@pytest.fixture
def english():
    """Messages in English, for tests that match their text."""
    with translation.override("en"):
        yield


def png_signature():
    """A small drawn signature as a PNG data URL."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (120, 40), (0, 0, 0, 0))
    ImageDraw.Draw(image).line([(5, 30), (60, 5), (115, 30)], fill=(0, 0, 0, 255), width=3)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()
