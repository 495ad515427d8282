"""A bad broker costs a request at most one timeout: one hand-off per request and a breaker."""

import pytest
from django.urls import reverse

from onsite import queueing, tasks
from onsite.models import Notification
from onsite.notifications import notify


@pytest.fixture(autouse=True)
def _closed_breaker():
    queueing.reset_breaker()
    yield
    queueing.reset_breaker()


@pytest.fixture
def sends(monkeypatch):
    calls = []
    monkeypatch.setattr(
        tasks.relay_notifications, "apply_async", lambda args, **kw: calls.append(args)
    )
    return calls


def test_after_a_failed_send_the_broker_rests_and_later_sends_fail_at_once(monkeypatch):
    tries = []
    now = [1000.0]
    monkeypatch.setattr(queueing, "_clock", lambda: now[0])

    def hanging(*args, **kwargs):
        tries.append(args)
        raise TimeoutError("broker did not answer")

    monkeypatch.setattr(tasks.relay_notifications, "apply_async", hanging)
    assert queueing.enqueue(tasks.relay_notifications, [1]) is False
    assert queueing.enqueue(tasks.relay_notifications, [2]) is False
    assert len(tries) == 1  # the second send did not wait for the broker
    now[0] += 31
    assert queueing.enqueue(tasks.relay_notifications, [3]) is False
    assert len(tries) == 2  # after the rest the broker is tried again


@pytest.mark.django_db(transaction=True)
def test_a_request_hands_all_its_notifications_off_once(cast, login, sends, settings):
    settings.ROOT_URLCONF = "tests.onsite.urls_hand_off"
    response = login(cast.staff).post("/three-transactions/")
    assert response.status_code == 200
    assert len(sends) == 1
    assert sorted(sends[0][0]) == sorted(Notification.objects.values_list("pk", flat=True))
    assert Notification.objects.count() == 3


def test_outside_a_request_each_commit_hands_off(cast, sends, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(cast.staff, "一")
    with django_capture_on_commit_callbacks(execute=True):
        notify(cast.staff, "二")
    assert len(sends) == 2


def test_the_request_answers_even_when_the_broker_is_down(cast, login, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionRefusedError("broker down")

    monkeypatch.setattr(tasks.relay_notifications, "apply_async", down)
    client = login(cast.staff)
    response = client.post(reverse("onsite:notification_read_all"))
    assert response.status_code == 302
