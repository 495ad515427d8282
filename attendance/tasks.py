"""Celery tasks of attendance: thin wrappers taking primary keys."""

from celery import shared_task

from attendance import exports


@shared_task(name="attendance.build_export")
def build_export(export_id):
    """Build a queued monthly export in the background."""
    path = exports.run_export(export_id)
    return str(path) if path else None


@shared_task(name="attendance.sweep_exports")
def sweep_exports():
    """Beat: build exports whose task was lost (broker down), then delete expired files."""
    for export_id in exports.stale_queued():
        exports.run_export(export_id)  # claims the row, so a late task does nothing twice
    return exports.purge_expired()
