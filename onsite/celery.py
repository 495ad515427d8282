"""The Celery app. Broker and timeouts come from Django settings (CELERY_*)."""

import logging
import os

from celery import Celery
from celery.signals import beat_init, before_task_publish, worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onsite.settings")

app = Celery("onsite")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.update(
    task_ignore_result=True,
    # A broker that is down or hanging must never hold a web request: short timeouts,
    # no publish retries. Undelivered notifications stay in the outbox and the beat
    # sweep relays them once the broker is back.
    broker_connection_timeout=3,
    broker_connection_retry_on_startup=True,
    task_publish_retry=False,
    # Tasks are idempotent (claimed by conditional updates): acknowledged after they ran,
    # and redelivered when the worker process running them dies.
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,
    timezone="Asia/Shanghai",
)
app.autodiscover_tasks()


@app.on_after_finalize.connect
def schedule_periodic_tasks(sender, **kwargs):
    """One beat entry per reminder kind, the outbox and export sweeps, and each app's own
    periodic tasks (``PERIODIC = [(seconds, task), ...]`` in its ``tasks.py``)."""
    from onsite import reminding
    from onsite.health import BEAT_SECONDS
    from onsite.plugins import portal_apps
    from onsite.tasks import heartbeat, relay_outbox, run_reminder_scan, sweep_exports

    sender.add_periodic_task(float(BEAT_SECONDS), heartbeat.s(), name="heartbeat")
    sender.add_periodic_task(60.0, relay_outbox.s(), name="relay-outbox")
    sender.add_periodic_task(300.0, sweep_exports.s(), name="sweep-exports")
    for kind in reminding.all_kinds():
        sender.add_periodic_task(
            float(kind.every_seconds), run_reminder_scan.s(kind.name), name=f"reminder-{kind.name}"
        )
    for config in portal_apps():
        module = config.import_part("tasks")
        for seconds, task in getattr(module, "PERIODIC", ()):
            sender.add_periodic_task(float(seconds), task.s(), name=task.name)


# Heartbeats for the health URL (``onsite.health``): the worker stamps from a thread of its
# main process; the beat process stamps whenever it publishes (at least every 30 s).
@worker_ready.connect
def _start_worker_heart(sender=None, **kwargs):
    from onsite.health import start_worker_heart

    start_worker_heart()


@beat_init.connect
def _stamp_on_publish(sender=None, **kwargs):
    before_task_publish.connect(_beat_published, weak=False)


def _beat_published(sender=None, **kwargs):
    from django.db import connection

    from onsite.health import stamp

    try:
        stamp("beat", at_most_every=10.0)
    except Exception:  # noqa: BLE001 - a database outage must not stop beat
        logging.getLogger(__name__).warning("Beat heartbeat not recorded", exc_info=True)
    finally:
        if not connection.in_atomic_block:  # beat holds no connection between publishes
            connection.close()
