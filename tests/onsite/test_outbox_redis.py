"""The outbox against a real Redis server that the test stops, hangs and starts again."""

import socket
import subprocess
import threading
from datetime import date

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.core import mail

from onsite import queueing, services
from onsite.celery import app
from onsite.choices import EmailState
from onsite.models import Assignment, Notification
from onsite.tasks import relay_notifications, relay_outbox
from tests.conftest import require_tool
from tests.factories import SiteFactory

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    """A private redis-server on a free port, started and stopped by the test."""

    def __init__(self, binary):
        self.binary = binary
        self.port = _free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        for line in self.process.stdout:  # block until the server says it is ready
            if "Ready to accept connections" in line:
                break
        threading.Thread(target=self.process.stdout.read, daemon=True).start()

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait()
            self.process = None


def _use_broker(url):
    """Point the Celery app at ``url`` with the production timeouts, dropping old pools."""
    app.conf.broker_url = url
    app.conf.broker_transport_options = {
        "socket_timeout": 3,
        "socket_connect_timeout": 3,
        "max_retries": 0,
    }
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def broker():
    server = RedisServer(require_tool("redis-server"))
    saved = (app.conf.broker_url, app.conf.broker_transport_options)
    _use_broker(server.url)
    yield server
    server.stop()
    _use_broker(saved[0])
    app.conf.broker_transport_options = saved[1]


def _wait_for_tasks(name, count):
    """An event set after ``count`` runs of task ``name`` (no sleeping, no polling)."""
    done = threading.Event()
    runs = []

    def seen(sender=None, **kwargs):
        if sender is not None and sender.name == name:
            runs.append(1)
            if len(runs) >= count:
                done.set()

    task_postrun.connect(seen, weak=False)
    return done, lambda: task_postrun.disconnect(seen)


def test_change_commits_with_redis_down_and_is_relayed_once_when_it_is_back(cast, broker):
    # Redis is down: the change still commits and the notification waits in the outbox.
    assignment = services.assign(cast.admin, cast.outsider, SiteFactory(), date(2027, 1, 1))
    assert Assignment.objects.filter(pk=assignment.pk).exists()
    note = Notification.objects.get(recipient=cast.outsider)
    assert note.email_state == EmailState.PENDING
    assert mail.outbox == []

    # Redis is back: a real worker consumes two sweeps (beat may well run twice).
    broker.start()
    done, stop_listening = _wait_for_tasks("onsite.relay_outbox", 2)
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            relay_outbox.delay()
            relay_outbox.delay()
            assert done.wait(timeout=60), "the worker did not run the outbox sweeps"
    finally:
        stop_listening()
    note.refresh_from_db()
    assert note.email_state == EmailState.SENT
    sent_to_outsider = [m for m in mail.outbox if m.to == [cast.outsider.email]]
    assert len(sent_to_outsider) == 1


def test_a_hanging_broker_gives_up_instead_of_holding_the_request(cast, broker):
    # A server that accepts the connection and never answers (the 40-second hang).
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(16)
        _use_broker(f"redis://127.0.0.1:{silent.getsockname()[1]}/0")
        outcome = []
        queueing.reset_breaker()
        worker = threading.Thread(
            target=lambda: outcome.append(queueing.enqueue(relay_notifications, [1]))
        )
        worker.start()
        worker.join(timeout=30)  # a guard against hanging forever, not a speed check
        assert not worker.is_alive(), "enqueue blocked on a hanging broker"
    assert outcome == [False]
