"""Celery tasks of attendance: thin wrappers taking primary keys."""

from celery import shared_task

from attendance import exports


@shared_task(name="attendance.build_export")
def build_export(export_id):
    """Build a queued monthly export in the background."""
    path = exports.run_export(export_id)
    return str(path) if path else None


@shared_task(name="attendance.purge_exports")
def purge_exports():
    """Beat: delete export files past their expiry."""
    return exports.purge_expired()
