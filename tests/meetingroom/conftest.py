"""Fixtures of the meeting-room tests: private media in a temporary folder."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def english():
    """Messages in English, for tests that match their text."""
    with translation.override("en"):
        yield
