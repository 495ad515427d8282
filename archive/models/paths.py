"""Where the archive's private files are stored: random names, never a title."""

import uuid
from pathlib import PurePath

from django.utils import timezone


def _private_name(folder, filename):
    """Random stored names: a title never appears on the file system."""
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"{folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


def item_file_path(instance, filename):
    return _private_name("files", filename)


def receipt_path(instance, filename):
    return _private_name("receipts", filename)


def export_path(instance, filename):
    """Kept for migration 0004; exports are stored by ``onsite.models.export_upload_to``."""
    return _private_name("exports", filename)
