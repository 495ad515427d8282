"""The health URL tells a load balancer, in under 100 ms, which part is down."""

import socket
import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from onsite import health
from onsite.celery import _beat_published
from onsite.models import Heartbeat
from onsite.tasks import heartbeat


@pytest.fixture(autouse=True)
def broker_folder(settings, tmp_path):
    settings.REDIS_URL = ""
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {"data_folder_in": str(tmp_path)}


def _beats(age):
    at = timezone.now() - age
    for name in ("worker", "beat"):
        Heartbeat.objects.update_or_create(name=name, defaults={"at": at})


def _get(client):
    started = time.monotonic()
    response = client.get(reverse("health"))
    return response, time.monotonic() - started


@pytest.mark.django_db
def test_all_parts_alive_answer_200_without_a_log_in_in_under_100_ms(client):
    _beats(timedelta(seconds=5))
    client.get(reverse("health"))  # the first request of a process loads the URLconf
    response, took = _get(client)
    assert response.status_code == 200
    assert response.json()["parts"] == {
        "database": "ok",
        "broker": "ok",
        "worker": "ok",
        "beat": "ok",
    }
    assert took < 0.1


@pytest.mark.django_db
def test_a_silent_worker_is_named_as_down(client):
    _beats(timedelta(seconds=5))
    Heartbeat.objects.filter(name="worker").update(at=timezone.now() - timedelta(minutes=5))
    response, _took = _get(client)
    assert response.status_code == 503
    parts = response.json()["parts"]
    assert parts["worker"].startswith("down: last seen 30") and parts["beat"] == "ok"


@pytest.mark.django_db
def test_a_worker_and_beat_never_seen_are_down(client):
    response, _took = _get(client)
    assert response.status_code == 503
    assert response.json()["parts"]["beat"] == "down: never seen"


@pytest.mark.django_db
def test_a_broker_folder_that_is_gone_is_down(client, settings, tmp_path):
    _beats(timedelta(seconds=5))
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {"data_folder_in": str(tmp_path / "gone")}
    response, _took = _get(client)
    assert response.status_code == 503 and response.json()["parts"]["broker"].startswith("down")


@pytest.mark.django_db
@pytest.mark.parametrize("redis", ["down", "hanging"])
def test_a_redis_that_is_down_or_hangs_is_named_within_100_ms(client, settings, redis):
    _beats(timedelta(seconds=5))
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        if redis == "hanging":
            server.listen(8)  # accepts, never answers
        settings.REDIS_URL = f"redis://127.0.0.1:{server.getsockname()[1]}/0"
        client.get(reverse("health"))
        response, took = _get(client)
    assert response.status_code == 503
    assert response.json()["parts"]["broker"].startswith("down")
    assert took < 0.1


@pytest.mark.django_db
def test_the_worker_and_beat_stamp_their_heartbeats():
    heartbeat()
    _beat_published()
    assert set(Heartbeat.objects.values_list("name", flat=True)) == {"worker", "beat"}
    assert health.report()[1]["worker"] == "ok"
