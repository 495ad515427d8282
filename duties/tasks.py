"""Celery tasks of the duties app: thin wrappers around plain functions taking ``now``.

The deemed-acceptance sweep runs on Celery beat every minute; its beat entry is added when
the Celery app finalizes (workers and beat import every app's ``tasks.py`` first).
"""

from celery import shared_task
from django.utils import timezone

from onsite.celery import app

DEEM_EVERY_SECONDS = 60.0
DEEM_ENTRY = "duties-deem-silent-receipts"


@shared_task(name="duties.deem_silent_receipts")
def deem_silent_receipts():
    """Beat: recipients silent at a document's deadline count as having accepted it."""
    from duties.services.documents import deem_silent_receipts as sweep

    return sweep(timezone.now())


def schedule(sender, **kwargs):
    """The beat entry of the sweep (idempotent: one entry by name)."""
    sender.add_periodic_task(DEEM_EVERY_SECONDS, deem_silent_receipts.s(), name=DEEM_ENTRY)


if app.finalized:
    schedule(app)
else:
    app.on_after_finalize.connect(schedule, weak=False)
