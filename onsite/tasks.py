"""Celery tasks of the core: thin wrappers around plain functions taking ``now``."""

from celery import shared_task
from django.utils import timezone

from onsite import exports, notifications, reminding


@shared_task(name="onsite.relay_notifications", batched=True)
def relay_notifications(ids):
    return sum(1 for pk in ids if notifications.relay(pk))


@shared_task(name="onsite.relay_outbox")
def relay_outbox():
    """Beat sweep: e-mail everything the outbox still owes (broker was down, worker died)."""
    return sum(1 for pk in notifications.pending_ids() if notifications.relay(pk))


@shared_task(name="onsite.run_reminder_scan")
def run_reminder_scan(kind):
    return reminding.run_scan(kind, timezone.now())


@shared_task(name="onsite.run_export")
def run_export(model_label, pk):
    """Build one background export (claimed once, however often it is delivered)."""
    return exports.run(model_label, pk)


@shared_task(name="onsite.sweep_exports")
def sweep_exports():
    """Beat: build exports whose task was lost, requeue a dead worker's, purge expired files."""
    return exports.sweep()


@shared_task(name="onsite.heartbeat")
def heartbeat():
    """Sent by beat every ``onsite.health.BEAT_SECONDS``: publishing it stamps ``beat`` (in
    the beat process), running it stamps ``worker``."""
    from onsite import health

    health.stamp("worker")
