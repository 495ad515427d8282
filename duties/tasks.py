"""Celery tasks of the duties app: thin wrappers around plain functions taking ``now``.

The deemed-acceptance sweep runs on Celery beat every minute (``PERIODIC``, read by the
core's beat schedule).
"""

from celery import shared_task
from django.utils import timezone

DEEM_EVERY_SECONDS = 60.0


@shared_task(name="duties.deem_silent_receipts")
def deem_silent_receipts():
    """Beat: recipients silent at a document's deadline count as having accepted it."""
    from duties.services.documents import deem_silent_receipts as sweep

    return sweep(timezone.now())


PERIODIC = [(DEEM_EVERY_SECONDS, deem_silent_receipts)]
