"""Private file storage: under ``settings.PRIVATE_MEDIA_ROOT``, never under a public URL."""

import hashlib
import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """Files of the archive; served only by views that check permission and audit."""

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT / "archive")

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Archive files have no public URL; use the download view.")


_storage = PrivateStorage()


def private_storage():
    """The storage callable of the archive's file fields (referenced by migrations)."""
    return _storage


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
