"""Attachments: stored privately with their SHA-256 and read back before they are kept;
opened only after the checksum still matches, classified ones with an audit entry."""

from django.utils.translation import gettext as _

from duties.conf import conf
from onsite import audit, uploads
from onsite.storage import sha256_of
from onsite.workflow import WorkflowError


def store(record, uploaded):
    """Put ``uploaded`` into ``record``'s file field (not saved yet): size check, SHA-256 kept,
    the stored copy read back and compared, or nothing is kept.

    Enforces R2.3-company-documents-safekeeping.
    """
    uploads.check(uploaded, kinds=uploads.DOCUMENTS, max_bytes=conf.MAX_UPLOAD_BYTES)
    digest = sha256_of(uploaded)
    record.original_name = uploaded.name[:200]
    record.size = uploaded.size
    record.sha256 = digest
    record.file.save(uploaded.name, uploaded, save=False)
    storage, stored_name = record.file.storage, record.file.name
    with storage.open(stored_name, "rb") as stored:
        if sha256_of(stored) != digest:
            storage.delete(stored_name)
            raise WorkflowError(_("The file was not stored intact; please upload it again."))
    return record


def open_attachment(actor, record, about):
    """Open ``record``'s stored file for ``actor`` (who may see ``about``, the object the
    attachment belongs to). A mismatch or a missing file is refused and audited; opening a
    classified attachment is audited.

    Enforces R2.3-company-documents-safekeeping.
    """
    if not record.file:
        raise WorkflowError(_("There is no attachment."))
    try:
        handle = record.file.storage.open(record.file.name, "rb")
    except FileNotFoundError:
        audit.record(actor, "duties.attachment.checksum_mismatch", about, comment=_("missing"))
        raise WorkflowError(_("The stored file is missing; the download was refused.")) from None
    actual = sha256_of(handle)
    if actual != record.sha256:
        handle.close()
        audit.record(
            actor,
            "duties.attachment.checksum_mismatch",
            about,
            comment=f"{record.original_name}: {record.sha256} ≠ {actual}",
        )
        raise WorkflowError(
            _("The file does not match its recorded checksum; the download was refused.")
        )
    level = getattr(record, "classification", 0)
    if level >= conf.AUDITED_READ_LEVEL:
        audit.record(actor, "duties.attachment.open", about, comment=record.original_name)
    return handle
