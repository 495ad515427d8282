"""Health of the installation for a load balancer: ``GET /health/`` (no log-in).

Four parts, each ``ok`` or why it is down: the database (one query, which also reads the
heartbeats), the broker (Redis answers PING within ``ONSITE_HEALTH_TIMEOUT``; the file-system
broker's folder is writable), the worker (stamped every ``BEAT_SECONDS`` by a thread of the
worker process) and beat (stamped whenever the beat process publishes, at least every
``BEAT_SECONDS``: it sends ``onsite.heartbeat``). A stamp older than ``STALE`` means the
process is gone. 200 when every part is ok, 503 otherwise; the body names each part.
"""

import logging
import os
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)
BEAT_SECONDS = 30
STALE = timedelta(seconds=3 * BEAT_SECONDS)
_last_stamp = {}


def stamp(name, *, at_most_every=0.0):
    """Record that process ``name`` is alive now (skipped if stamped less than
    ``at_most_every`` seconds ago in this process)."""
    from onsite.models import Heartbeat

    now = time.monotonic()
    if at_most_every and now - _last_stamp.get(name, -at_most_every) < at_most_every:
        return
    _last_stamp[name] = now
    Heartbeat.objects.update_or_create(name=name, defaults={"at": timezone.now()})


def _database_and_heartbeats():
    from onsite.models import Heartbeat

    try:
        return "ok", dict(Heartbeat.objects.values_list("name", "at"))
    except Exception as error:  # noqa: BLE001 - any database error is "down"
        logger.warning("Health: database down: %s", error)
        return f"down: {type(error).__name__}", None


def _broker():
    if settings.REDIS_URL:
        import redis

        timeout = settings.ONSITE_HEALTH_TIMEOUT
        try:
            client = redis.Redis.from_url(
                settings.REDIS_URL, socket_timeout=timeout, socket_connect_timeout=timeout
            )
            try:
                client.ping()
            finally:
                client.close()
        except Exception as error:  # noqa: BLE001 - any Redis error is "down"
            return f"down: {type(error).__name__}"
        return "ok"
    folder = settings.CELERY_BROKER_TRANSPORT_OPTIONS.get("data_folder_in", "")
    return "ok" if os.access(folder, os.W_OK) else "down: the broker folder is not writable"


def _fresh(beats, name, now):
    if beats is None:
        return "unknown: the database is down"
    at = beats.get(name)
    if at is None:
        return "down: never seen"
    if now - at > STALE:
        return f"down: last seen {int((now - at).total_seconds())} s ago"
    return "ok"


def report(now=None):
    """``(healthy, {part: "ok" or why not})``."""
    now = now or timezone.now()
    database, beats = _database_and_heartbeats()
    parts = {
        "database": database,
        "broker": _broker(),
        "worker": _fresh(beats, "worker", now),
        "beat": _fresh(beats, "beat", now),
    }
    return all(value == "ok" for value in parts.values()), parts


@never_cache
@require_GET
def health(request):
    started = time.monotonic()
    healthy, parts = report()
    body = {
        "status": "ok" if healthy else "down",
        "parts": parts,
        "ms": round((time.monotonic() - started) * 1000, 1),
    }
    return JsonResponse(body, status=200 if healthy else 503)


# --- The processes' side ----------------------------------------------------------------
def start_worker_heart(interval=BEAT_SECONDS):
    """A daemon thread of the worker's main process stamping ``worker`` every ``interval``."""
    stop = threading.Event()

    def beat():
        while not stop.is_set():
            try:
                stamp("worker")
            except Exception:  # noqa: BLE001 - a database outage must not kill the worker
                logger.warning("Worker heartbeat not recorded", exc_info=True)
            finally:
                connection.close()
            stop.wait(interval)

    threading.Thread(target=beat, name="onsite-heartbeat", daemon=True).start()
    return stop
