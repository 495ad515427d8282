"""One equipment reminder end to end: beat's task on a real Redis, run by a real Celery
worker, the notification relayed by e-mail by the same worker."""

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.utils import timezone

from onsite.celery import app
from onsite.choices import EmailState
from onsite.models import Notification
from onsite.tasks import run_reminder_scan
from tests.conftest import require_tool
from tests.equipment.factories import EquipmentFactory, make_plan
from tests.onsite.test_outbox_redis import RedisServer, _use_broker, _wait_for_tasks

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def broker():
    server = RedisServer(require_tool("redis-server"))
    saved = (app.conf.broker_url, app.conf.broker_transport_options)
    server.start()
    _use_broker(server.url)
    yield server
    server.stop()
    _use_broker(saved[0])
    app.conf.broker_transport_options = saved[1]


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.mark.rule("R2.4-venue-inspection")
def test_a_real_worker_runs_the_scan_and_mails_the_reminder(cast, broker, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    device = EquipmentFactory(site=cast.site, venue=cast.venue)
    make_plan(cast.admin, [device], starts_on=timezone.localdate(), assignee=cast.staff)
    done, stop_listening = _wait_for_tasks("onsite.relay_notifications", 1)
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            run_reminder_scan.delay("equipment_inspection_due")
            assert done.wait(timeout=60), "the worker did not relay the reminder"
    finally:
        stop_listening()
    note = Notification.objects.get(recipient=cast.staff, kind="equipment_inspection_due")
    assert note.email_state == EmailState.SENT
    assert [m.to for m in mail.outbox if m.to == [cast.staff.email]] == [[cast.staff.email]]
