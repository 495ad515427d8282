"""Celery tasks of the archive: thin wrappers around plain functions taking ``now``.

On Celery beat (``PERIODIC``, read by the core's beat schedule): the storage integrity
sweep (a bounded share of the stored files each run), the end of digital loans' access
windows and of single-item grants, and holds whose kept copy was not asked for in time.
Each is idempotent (conditional updates), so a run repeated or overlapping changes
nothing twice.
"""

from celery import shared_task
from django.utils import timezone

from archive.conf import conf

WINDOWS_EVERY_SECONDS = 300.0
HOLDS_EVERY_SECONDS = 3600.0


@shared_task(name="archive.verify_stored_files")
def verify_stored_files():
    """Beat: recompute the SHA-256 of this run's share of the stored files."""
    from archive.services.integrity import verify_stored_files as sweep

    return sweep(timezone.now()).checked


@shared_task(name="archive.end_access_windows")
def end_access_windows():
    """Beat: digital loans and single-item grants whose window is over end (audited)."""
    from archive.services.digital import end_digital_loans
    from archive.services.grants import end_item_grants

    now = timezone.now()
    return end_digital_loans(now) + end_item_grants(now)


@shared_task(name="archive.expire_holds")
def expire_holds():
    """Beat: a copy kept for the first in a queue and not asked for goes to the next."""
    from archive.services.holds import expire_holds as sweep

    return sweep(timezone.now())


PERIODIC = [
    (float(conf.INTEGRITY_EVERY_SECONDS), verify_stored_files),
    (WINDOWS_EVERY_SECONDS, end_access_windows),
    (HOLDS_EVERY_SECONDS, expire_holds),
]
