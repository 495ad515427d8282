"""Hand work to Celery without ever failing or holding the caller.

The broker may be down or hanging: the settings give it socket timeouts of a few seconds
and no publish retry, and ``enqueue`` swallows the error after logging it. Whatever was
not enqueued must be findable in the database (a pending notification, a queued export)
so a beat sweep does it later: callers keep that promise.

Two things keep a bad broker from costing a person more than one timeout:

- a **circuit breaker**: after a failed send, this process sends nothing for
  ``ONSITE_BROKER_REST_SECONDS`` (the sweeps catch up), so the next sends fail at once;
- **one hand-off per request**: ``after_commit`` queues a send for when the transaction
  commits; during a web request (``BrokerHandOffMiddleware``) the sends of all the
  request's transactions wait for the end of the request and go out together, the
  notification relays merged into one message.
"""

import logging
import time
from contextvars import ContextVar

from django.db import transaction

from onsite.conf import conf

logger = logging.getLogger(__name__)
_clock = time.monotonic
_resting_until = 0.0
_batch = ContextVar("onsite_broker_batch", default=None)


def broker_resting():
    """True while the breaker is open (a send failed less than the rest time ago)."""
    return _clock() < _resting_until


def _trip():
    global _resting_until
    _resting_until = _clock() + conf.BROKER_REST_SECONDS


def reset_breaker():
    global _resting_until
    _resting_until = 0.0


def enqueue(task, *args):
    """Send ``task(*args)`` to the broker; False (and a warning) if it failed or is resting."""
    if broker_resting():
        logger.info("Broker resting after a failure; %s waits for the sweep", task.name)
        return False
    try:
        task.apply_async(args=list(args), retry=False)
    except Exception:  # noqa: BLE001 - any broker error; a sweep picks the work up later
        _trip()
        logger.warning("Broker unavailable; %s%r waits for the sweep", task.name, args)
        return False
    return True


def after_commit(task, *args):
    """``enqueue`` once the current transaction commits (never for rolled-back work).

    During a request the send waits for the end of the request (one hand-off for all).
    """
    transaction.on_commit(lambda: _defer(task, args))


def _defer(task, args):
    batch = _batch.get()
    if batch is None:
        enqueue(task, *args)
    else:
        batch.append((task, args))


def flush(batch):
    """Send a request's collected work: tasks marked ``batched`` get one call with all ids."""
    merged, single = {}, []
    for task, args in batch:
        if getattr(task, "batched", False):
            merged.setdefault(task.name, (task, []))[1].extend(args[0])
        else:
            single.append((task, args))
    for task, ids in merged.values():
        enqueue(task, ids)
    for task, args in single:
        enqueue(task, *args)


class BrokerHandOffMiddleware:
    """Collects the request's broker sends and hands them off once, after the response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        batch = []
        token = _batch.set(batch)
        try:
            response = self.get_response(request)
        finally:
            _batch.reset(token)
            if batch:
                flush(batch)
        return response
