"""The archive's private files: a folder of the core's private storage."""

from onsite.storage import PrivateStorage

_storage = PrivateStorage("archive")


def private_storage():
    """The storage callable of the archive's file fields (referenced by migrations)."""
    return _storage
