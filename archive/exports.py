"""Registers too long for a request: queued, made by a Celery task, kept for a while.

``queue_export`` is called by the view; ``run_export`` is the body of the task (tests call
it directly); it claims the row with a conditional UPDATE, so a task delivered twice
makes the file once. Expired files are deleted whenever an export is queued or run.
"""

import hashlib
import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from archive.choices import export_keep_hours
from archive.models import RegisterExport
from archive.registers import build_register
from onsite import audit, queueing
from onsite.choices import ExportState
from onsite.notifications import notify
from onsite.workflow import WorkflowError

logger = logging.getLogger(__name__)
SEARCH_KEYS = ("q", "collection", "medium")


# A queued export older than this lost its task (broker down): the beat sweep makes it.
STALE_QUEUED = timedelta(minutes=2)


def queue_export(user, kind, params):
    """Record the request and hand it to Celery once the transaction commits."""
    purge_expired()
    export = RegisterExport.objects.create(
        requested_by=user,
        kind=kind,
        params={key: params.get(key, "") for key in SEARCH_KEYS if params.get(key)},
    )
    audit.record(user, "archive.export.queue", export, to_state=export.state)
    transaction.on_commit(lambda: enqueue(export.pk))
    return export


def enqueue(export_id):
    """Hand the export to Celery; if the broker fails it waits for ``sweep``."""
    from archive.tasks import make_register

    return queueing.enqueue(make_register, export_id)


def run_export(export_id, now=None):
    """Make one queued export; returns True if this call made it."""
    now = now or timezone.now()
    claimed = RegisterExport.objects.filter(pk=export_id, state=ExportState.QUEUED).update(
        state=ExportState.RUNNING
    )
    if not claimed:
        return False  # made (or being made) by another delivery of the task
    export = RegisterExport.objects.select_related("requested_by__profile").get(pk=export_id)
    user = export.requested_by
    language = getattr(getattr(user, "profile", None), "language", settings.LANGUAGE_CODE)
    fmt = "pdf"
    try:
        with translation.override(language):
            content, count, name = build_register(user, export.kind, export.params, fmt)
    except Exception as error:
        logger.exception("Register export %s failed", export_id)
        RegisterExport.objects.filter(pk=export_id).update(
            state=ExportState.FAILED, error=str(error)[:500], finished_at=timezone.now()
        )
        return False
    export.file.save(name, ContentFile(content), save=False)
    export.sha256 = hashlib.sha256(content).hexdigest()
    export.rows = count
    export.state = ExportState.DONE
    export.finished_at = timezone.now()
    export.expires_at = export.finished_at + timedelta(hours=export_keep_hours())
    export.save(update_fields=["file", "sha256", "rows", "state", "finished_at", "expires_at"])
    audit.record(
        user,
        f"archive.register.{export.kind}",
        export,
        to_state=export.state,
        comment=f"pdf, {count} rows",
    )
    notify(
        [user],
        gettext_lazy("Your %(register)s is ready"),
        gettext_lazy("It can be downloaded until %(until)s."),
        reverse("archive:export_list"),
        {
            "register": export.get_kind_display(),
            "until": timezone.localtime(export.expires_at).strftime("%Y-%m-%d %H:%M"),
        },
    )
    return True


def open_export(user, export, now=None):
    """The file of a finished export, checked against its SHA-256; the read is audited."""
    now = now or timezone.now()
    if export.state != ExportState.DONE or not export.file:
        raise WorkflowError(_("This export is not ready."))
    if export.expires_at and export.expires_at <= now:
        raise WorkflowError(_("This export has expired; ask for it again."))
    with export.file.storage.open(export.file.name, "rb") as handle:
        content = handle.read()
    if hashlib.sha256(content).hexdigest() != export.sha256:
        audit.record(user, "archive.export.checksum_mismatch", export, comment=export.sha256)
        raise WorkflowError(_("The file does not match its recorded checksum; it was refused."))
    audit.record(user, "archive.export.download", export)
    return content


def purge_expired(now=None):
    """Delete the files of expired exports (their rows stay as a record)."""
    now = now or timezone.now()
    expired = RegisterExport.objects.filter(expires_at__lte=now).exclude(file="")
    for export in expired:
        export.file.storage.delete(export.file.name)
    return expired.update(file="")


def stale_queued(now=None):
    """Ids of exports still queued after ``STALE_QUEUED`` (their task never reached a worker)."""
    now = now or timezone.now()
    return list(
        RegisterExport.objects.filter(
            state=ExportState.QUEUED, created_at__lt=now - STALE_QUEUED
        ).values_list("pk", flat=True)
    )
