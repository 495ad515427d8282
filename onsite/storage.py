"""Private file storage under ``settings.PRIVATE_MEDIA_ROOT``: never under a public URL.

Files stored here (exports, archive files, attachments) are served only by views that
check who may see them, verify the SHA-256 and audit the download.
"""

import hashlib
import os
import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils import timezone
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateStorage(FileSystemStorage):
    """A folder of ``PRIVATE_MEDIA_ROOT`` (read when used, so tests may move it)."""

    def __init__(self, folder=""):
        self.folder = folder
        super().__init__()

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT / self.folder)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no public URL; use the download view.")


_core = PrivateStorage()


def private_storage():
    """The storage callable of the core's file fields (referenced by migrations)."""
    return _core


def private_name(folder, filename):
    """A random stored name ``<folder>/<yyyy>/<mm>/<hex>.<suffix>``: no title on the disk."""
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"{folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


def sha256_of(fileobj, chunk_size=1024 * 1024):
    """SHA-256 hex digest of a file object read from its start."""
    digest = hashlib.sha256()
    if hasattr(fileobj, "seek"):
        fileobj.seek(0)
    for chunk in iter(lambda: fileobj.read(chunk_size), b""):
        digest.update(chunk)
    if hasattr(fileobj, "seek"):
        fileobj.seek(0)
    return digest.hexdigest()
