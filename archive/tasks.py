"""Celery tasks of the archive: thin wrappers taking primary keys."""

from celery import shared_task

from archive import exports


@shared_task(name="archive.make_register")
def make_register(export_id):
    """Make a register queued by ``exports.queue_export`` (too long for a request)."""
    return exports.run_export(export_id)


@shared_task(name="archive.sweep_registers")
def sweep_registers():
    """Beat: make registers whose task was lost (broker down), then delete expired files."""
    for export_id in exports.stale_queued():
        exports.run_export(export_id)  # claims the row, so a late task does nothing twice
    return exports.purge_expired()
