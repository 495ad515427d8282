"""Hand work to Celery without ever failing or holding the caller.

The broker may be down or hanging: the settings give it socket timeouts of a few
seconds and no publish retry, and ``enqueue`` swallows the error after logging it.
Whatever was not enqueued must be findable in the database (a pending notification,
a queued export) so a beat sweep can do it later: callers keep that promise.
"""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def enqueue(task, *args):
    """Send ``task(*args)`` to the broker; False (and a warning) if the broker failed."""
    try:
        task.apply_async(args=list(args), retry=False)
    except Exception:  # noqa: BLE001 - any broker error; a sweep picks the work up later
        logger.warning("Broker unavailable; %s%r waits for the sweep", task.name, args)
        return False
    return True


def enqueue_on_commit(task, *args):
    """``enqueue`` once the current transaction commits (never for rolled-back work)."""
    transaction.on_commit(lambda: enqueue(task, *args))
