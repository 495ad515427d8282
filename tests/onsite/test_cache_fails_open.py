"""Under a Redis that hangs or is down, the cache answers at once as an empty cache would."""

import socket
import time

import pytest
from django.urls import reverse

from onsite import cache as forgiving
from onsite.cache import ForgivingRedisCache
from tests.factories import PASSWORD


@pytest.fixture(autouse=True)
def _closed_breaker():
    forgiving.reset_breaker()
    yield
    forgiving.reset_breaker()


@pytest.fixture
def hanging_redis():
    """A server that accepts connections and never answers (counts who connected)."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(64)
        yield silent


def _cache_at(port, timeout=0.25):
    return ForgivingRedisCache(
        f"redis://127.0.0.1:{port}/0",
        {"OPTIONS": {"socket_timeout": timeout, "socket_connect_timeout": timeout}},
    )


def _pending_connections(server):
    server.setblocking(False)
    count = 0
    try:
        while True:
            conn, _addr = server.accept()
            conn.close()
            count += 1
    except BlockingIOError:
        return count


def test_a_hanging_redis_costs_one_short_timeout_then_nothing(hanging_redis):
    cache = _cache_at(hanging_redis.getsockname()[1])
    started = time.monotonic()
    assert cache.get("k", "missing") == "missing"
    first = time.monotonic() - started
    assert first < 1.5  # the socket timeout, not the 40 s a hanging server can cost
    started = time.monotonic()
    assert cache.add("k", 1) is False
    assert cache.set("k", 1) is None
    assert cache.get_many(["a", "b"]) == {}
    assert cache.has_key("k") is False
    assert cache.delete("k") is False
    assert time.monotonic() - started < 0.05  # the breaker is open: Redis is left alone
    assert _pending_connections(hanging_redis) == 1


def test_a_redis_that_is_down_answers_as_an_empty_cache():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again: nothing listens there
    cache = _cache_at(port)
    assert cache.get("k") is None
    assert cache.get_or_set("k", 7) == 7


def test_after_the_rest_redis_is_tried_again(hanging_redis, monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(forgiving, "_clock", lambda: now[0])
    cache = _cache_at(hanging_redis.getsockname()[1], timeout=0.05)
    cache.get("k")
    cache.get("k")
    assert _pending_connections(hanging_redis) == 1
    now[0] += 31
    cache.get("k")
    assert _pending_connections(hanging_redis) == 1


def test_pages_and_log_in_work_while_the_cache_hangs(hanging_redis, settings, cast, client):
    settings.CACHES = {
        "default": {
            "BACKEND": "onsite.cache.ForgivingRedisCache",
            "LOCATION": f"redis://127.0.0.1:{hanging_redis.getsockname()[1]}/0",
            "OPTIONS": {"socket_timeout": 0.25, "socket_connect_timeout": 0.25},
        }
    }
    started = time.monotonic()
    response = client.post(
        reverse("login"), {"username": "staff", "password": PASSWORD}, REMOTE_ADDR="10.1.1.1"
    )
    assert response.status_code == 302
    assert client.get(reverse("onsite:home")).status_code == 200
    assert time.monotonic() - started < 3
