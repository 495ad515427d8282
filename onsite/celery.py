"""The Celery app. Broker and timeouts come from Django settings (CELERY_*)."""

import os

from celery import Celery

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
    from onsite.plugins import portal_apps
    from onsite.tasks import relay_outbox, run_reminder_scan, sweep_exports

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
