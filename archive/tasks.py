"""Celery tasks of the archive: thin wrappers taking primary keys."""

from celery import shared_task

from archive import exports


@shared_task(name="archive.make_register")
def make_register(export_id):
    """Make a register queued by ``exports.queue_export`` (too long for a request)."""
    return exports.run_export(export_id)


@shared_task(name="archive.purge_registers")
def purge_registers():
    """Beat: delete register files past their expiry."""
    return exports.purge_expired()
