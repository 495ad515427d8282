"""Celery tasks of attendance: thin wrappers taking primary keys."""

from celery import shared_task

from attendance import exports


@shared_task
def build_export(export_id):
    """Build a queued monthly export in the background."""
    path = exports.run_export(export_id)
    return str(path) if path else None


@shared_task
def purge_exports():
    return exports.purge_expired()
