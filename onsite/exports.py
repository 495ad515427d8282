"""Files made in the background, for every app: one life cycle, written once.

An app subclasses ``onsite.models.BackgroundExport`` (its own table and fields) and
registers a builder for each kind in its ``exports.py``::

    @exports.builder("attendance.month", AttendanceExport, label=_("Monthly attendance"))
    def build_month(export, progress):
        ...                    # progress(done, total) as it goes
        return content, file_name, rows

Life cycle: ``queue`` (row, audit entry, hand-off to Celery after the commit) → ``run``
claims the row with a conditional UPDATE (a task delivered twice builds once), builds
the file in the owner's language, stores it privately with its SHA-256 → ready, owner
notified → ``purge_expired`` deletes the file at ``expires_at`` (the row stays).
A build that fails is queued again up to ``ONSITE_EXPORT_MAX_ATTEMPTS`` tries, then
failed (the owner is told and may ``retry``). The beat ``sweep`` builds what was queued
but never reached a worker (broker down), requeues what a dead worker was building, and
purges. ``open_file`` hands a finished file to its owner only after its checksum matched.
Exports are visible to the person who asked for them and nobody else.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from onsite import audit
from onsite.choices import ExportState
from onsite.conf import conf
from onsite.notifications import notify
from onsite.permissions import scope
from onsite.storage import sha256_of
from onsite.workflow import WorkflowError

logger = logging.getLogger(__name__)
# A queued export older than this lost its task (broker down): the sweep builds it.
STALE_QUEUED = timedelta(minutes=2)
# A running export not finished after this lost its worker: the sweep requeues it.
STALE_RUNNING = timedelta(minutes=30)


@dataclass(frozen=True)
class ExportKind:
    name: str
    model: type
    build: object  # callable(export, progress) -> (bytes, file name, rows or None)
    label: str = ""
    # callable(user, export) -> bool: may the owner still read what was built for them?
    recheck: object = None


_KINDS = {}


def builder(name, model, label="", recheck=None):
    """Register ``build(export, progress)`` as the builder of export kind ``name``.

    ``recheck(user, export)``, if given, is asked again at every download: a file built from
    what the owner could see then is refused once they may no longer see it (a grant lowered).
    """

    def decorate(build):
        if name in _KINDS:
            raise ValueError(f"Export kind {name} is registered twice")
        if not any(kind.model is model for kind in _KINDS.values()):
            scope(model)(_owner_only)
        _KINDS[name] = ExportKind(name, model, build, label, recheck)
        return build

    return decorate


def _owner_only(user, queryset):
    return queryset.filter(requested_by=user)


def kinds():
    return list(_KINDS.values())


def get_kind(name):
    try:
        return _KINDS[name]
    except KeyError:
        raise LookupError(f"Unknown export kind: {name}") from None


def models():
    return list(dict.fromkeys(kind.model for kind in _KINDS.values()))


def _action(model, verb):
    return f"{model._meta.app_label}.export.{verb}"


def _label(model):
    return model._meta.label


# --- Queue, run, sweep, purge ---------------------------------------------------------
def queue(user, kind_name, *, fmt, params=None, comment="", **fields):
    """Record an export for ``user`` and hand it to Celery once the transaction commits."""
    kind = get_kind(kind_name)
    _within_hourly_limit(user)
    with transaction.atomic():
        export = kind.model.objects.create(
            requested_by=user, kind=kind_name, format=fmt, params=params or {}, **fields
        )
        audit.record(
            user, _action(kind.model, "queue"), export, to_state=export.state, comment=comment
        )
        hand_off(export)
    return export


def _within_hourly_limit(user):
    """``ONSITE_EXPORTS_PER_HOUR`` exports a person may queue an hour, counted over every
    export model (``onsite.ratelimit``)."""
    from onsite.ratelimit import RateLimited

    since = timezone.now() - timedelta(hours=1)
    models = {kind.model for kind in _KINDS.values()}
    made = sum(m.objects.filter(requested_by=user, created_at__gte=since).count() for m in models)
    if made >= conf.EXPORTS_PER_HOUR:
        raise RateLimited(_("You asked for many exports this hour. Try again later."))


def hand_off(export):
    """Send the export to a worker after the commit; if the broker fails the sweep builds it."""
    from onsite.queueing import after_commit
    from onsite.tasks import run_export

    after_commit(run_export, _label(type(export)), export.pk)


def run(model_label, pk, now=None):
    """Build one queued export (the body of the Celery task); True if this call built it."""
    model = apps.get_model(model_label)
    now = now or timezone.now()
    claimed = model.objects.filter(
        pk=pk, state=ExportState.QUEUED, attempts__lt=conf.EXPORT_MAX_ATTEMPTS
    ).update(
        state=ExportState.RUNNING,
        claimed_at=now,
        attempts=F("attempts") + 1,
        done_steps=0,
        error="",
    )
    if not claimed:
        return False  # built, being built, or given up (a duplicate delivery)
    export = model.objects.select_related("requested_by__profile").get(pk=pk)

    def progress(done, total):
        model.objects.filter(pk=pk).update(done_steps=done, total_steps=total)

    try:
        with translation.override(_language_of(export.requested_by)):
            content, file_name, rows = get_kind(export.kind).build(export, progress)
    except Exception as error:
        logger.exception("Export %s %s failed", model_label, pk)
        _failed(export, error, now)
        return False
    _store(export, content, file_name, rows)
    return True


def _language_of(user):
    profile = getattr(user, "profile", None)
    return getattr(profile, "language", None) or settings.LANGUAGE_CODE


def _store(export, content, file_name, rows):
    model = type(export)
    export.file.save(f"{export.token.hex}.{export.format}", ContentFile(content), save=False)
    finished = timezone.now()
    with transaction.atomic():
        model.objects.filter(pk=export.pk).update(
            state=ExportState.DONE,
            file=export.file.name,
            file_name=file_name,
            size=len(content),
            sha256=sha256_of(ContentFile(content)),
            rows=rows,
            done_steps=F("total_steps"),
            finished_at=finished,
            expires_at=finished + timedelta(hours=conf.EXPORT_KEEP_HOURS),
        )
        export.refresh_from_db()
        audit.record(
            export.requested_by,
            _action(model, "done"),
            export,
            from_state=ExportState.RUNNING,
            to_state=ExportState.DONE,
            comment=f"{export.format}, {rows if rows is not None else '?'} rows",
        )
        notify(
            export.requested_by,
            gettext_lazy("Your file %(name)s is ready"),
            gettext_lazy("It can be downloaded until %(until)s."),
            export.get_absolute_url(),
            {
                "name": file_name,
                "until": timezone.localtime(export.expires_at).strftime("%Y-%m-%d %H:%M"),
            },
        )


def _failed(export, error, now):
    """Queue again for the sweep, or give up after the last try and tell the owner."""
    model = type(export)
    final = export.attempts >= conf.EXPORT_MAX_ATTEMPTS
    with transaction.atomic():
        model.objects.filter(pk=export.pk).update(
            state=ExportState.FAILED if final else ExportState.QUEUED,
            queued_at=now,
            error=str(error)[:1000],
            finished_at=now if final else None,
        )
        if final:
            audit.record(
                export.requested_by,
                _action(model, "fail"),
                export,
                from_state=ExportState.RUNNING,
                to_state=ExportState.FAILED,
                comment=str(error)[:500],
            )
            notify(
                export.requested_by,
                gettext_lazy("Your file could not be made"),
                gettext_lazy("You can start it again from the exports page."),
                export.get_absolute_url(),
            )


def retry(user, export):
    """The owner starts a failed export again (tries counted afresh)."""
    model = type(export)
    with transaction.atomic():
        again = model.objects.filter(
            pk=export.pk, requested_by=user, state=ExportState.FAILED
        ).update(
            state=ExportState.QUEUED,
            queued_at=timezone.now(),
            attempts=0,
            done_steps=0,
            error="",
            finished_at=None,
        )
        if not again:
            raise WorkflowError(_("Only a failed export can be started again."))
        audit.record(
            user,
            _action(model, "retry"),
            export,
            from_state=ExportState.FAILED,
            to_state=ExportState.QUEUED,
        )
        hand_off(export)
    export.refresh_from_db()
    return export


def sweep(now=None):
    """Beat: requeue exports a dead worker left, build the stale queued ones, purge.

    Returns the number built.
    """
    now = now or timezone.now()
    built = 0
    for model in models():
        lost = model.objects.filter(state=ExportState.RUNNING, claimed_at__lt=now - STALE_RUNNING)
        lost.filter(attempts__gte=conf.EXPORT_MAX_ATTEMPTS).update(
            state=ExportState.FAILED,
            error=_("The worker stopped while making this file."),
            finished_at=now,
        )
        lost.update(state=ExportState.QUEUED, queued_at=now - STALE_QUEUED)
        stale = model.objects.filter(
            state=ExportState.QUEUED, queued_at__lte=now - STALE_QUEUED
        ).values_list("pk", flat=True)
        built += sum(1 for pk in list(stale) if run(_label(model), pk, now))
    purge_expired(now)
    return built


def purge_expired(now=None):
    """Delete the files of exports past ``expires_at``; their rows stay, marked expired."""
    now = now or timezone.now()
    count = 0
    for model in models():
        expired = model.objects.filter(state=ExportState.DONE, expires_at__lte=now)
        for export in expired:
            if export.file:
                export.file.storage.delete(export.file.name)
            count += model.objects.filter(pk=export.pk, state=ExportState.DONE).update(
                state=ExportState.EXPIRED, file=""
            )
    return count


def open_file(user, export, now=None):
    """The finished file as an open handle, after its SHA-256 matched; the read is audited.

    The caller fetched ``export`` through ``visible()`` (owner only).
    """
    now = now or timezone.now()
    model = type(export)
    if export.state == ExportState.EXPIRED or (export.expires_at and export.expires_at <= now):
        raise WorkflowError(_("This export has expired; ask for it again."))
    if export.state != ExportState.DONE or not export.file:
        raise WorkflowError(_("This export is not ready."))
    kind = _KINDS.get(export.kind)
    if kind and kind.recheck and not kind.recheck(user, export):
        audit.record(user, _action(model, "refused"), export, comment=export.kind)
        raise WorkflowError(_("Your access changed since this export was made; ask for it again."))
    try:
        handle = export.file.storage.open(export.file.name, "rb")
    except FileNotFoundError:
        audit.record(user, _action(model, "missing"), export, comment=export.sha256)
        raise WorkflowError(_("The file is missing; ask for it again.")) from None
    if sha256_of(handle) != export.sha256:
        handle.close()
        audit.record(user, _action(model, "checksum_mismatch"), export, comment=export.sha256)
        raise WorkflowError(_("The file does not match its recorded checksum; it was refused."))
    audit.record(user, _action(model, "download"), export)
    return handle
