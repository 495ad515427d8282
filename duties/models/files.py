"""Attachments of the duties app: stored privately with their SHA-256, never at a public URL.

Documents, authorisation documents, agreements, manuals and certificates are served only by
``duties.views.files`` after the scope check, the checksum check and (for classified
attachments) an audit entry.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from onsite.storage import PrivateStorage, private_name

_storage = PrivateStorage("duties")


def private_storage():
    """The storage callable of the duties' file fields (referenced by migrations)."""
    return _storage


def attachment_path(instance, filename):
    """Random stored names: a title never appears on the file system."""
    return private_name(instance._meta.model_name, filename)


class StoredFile(models.Model):
    """An optional private attachment with its original name, size and SHA-256."""

    file = models.FileField(
        _("attachment"),
        upload_to=attachment_path,
        storage=private_storage,
        max_length=200,
        blank=True,
    )
    original_name = models.CharField(_("file name"), max_length=200, blank=True)
    size = models.PositiveBigIntegerField(_("size"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)

    class Meta:
        abstract = True

    @property
    def has_file(self):
        return bool(self.file)
