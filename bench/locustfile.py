"""The load test of ``bench/run.py`` (locust): staff checking in and out, supervisors
opening their queue, against a real gunicorn.

Each simulated user is its own person (``BENCH_USERS``, comma-separated, signed in beforehand
with the sessions ``BENCH_SESSIONS``; the first ``BENCH_SUPERVISORS`` of them also open the
attendance queue), opens the today page, checks in and later out. What the server's today
page said afterwards (``data-testid="checked-in"``, ``"checked-out"``) is written to
``BENCH_RESULTS`` at the end, with every request's time and failures, for
``bench/measure.py load-verify`` to compare with the database.
"""

import itertools
import json
import os
import threading
from pathlib import Path
from statistics import median, quantiles

from locust import HttpUser, between, events, task

USERS = os.environ.get("BENCH_USERS", "").split(",")
SESSIONS = os.environ.get("BENCH_SESSIONS", "").split(",")
SESSION_COOKIE = os.environ.get("BENCH_SESSION_COOKIE", "sessionid")
SUPERVISORS = int(os.environ.get("BENCH_SUPERVISORS", "0"))
RESULTS = os.environ.get("BENCH_RESULTS", "")

_next = itertools.count()
_lock = threading.Lock()
_told = {"checked_in": set(), "checked_out": set()}
_times, _failures = {}, {}


@events.request.add_listener
def _record(request_type, name, response_time, response_length, exception, **kwargs):
    _times.setdefault(name, []).append(response_time)
    if exception is not None:
        _failures[name] = _failures.get(name, 0) + 1


@events.quitting.add_listener
def _write(environment, **kwargs):
    if not RESULTS:
        return
    summary = {}
    for name, times in _times.items():
        p95 = quantiles(times, n=20, method="inclusive")[-1] if len(times) > 1 else times[0]
        summary[name] = {
            "requests": len(times),
            "failures": _failures.get(name, 0),
            "median_ms": median(times),
            "p95_ms": p95,
        }
    Path(RESULTS).write_text(
        json.dumps(
            {
                "usernames": USERS,
                "checked_in": sorted(_told["checked_in"]),
                "checked_out": sorted(_told["checked_out"]),
                "requests": summary,
                "failures": sum(_failures.values()),
            }
        )
    )


class Staff(HttpUser):
    wait_time = between(0.2, 1.0)

    def on_start(self):
        with _lock:
            number = next(_next) % len(USERS)
        self.username = USERS[number]
        self.supervisor = number < SUPERVISORS
        self.client.cookies.set(SESSION_COOKIE, SESSIONS[number])
        with self.client.get("/attendance/", name="today page", catch_response=True) as response:
            if "/accounts/login/" in response.url:
                response.failure(f"{self.username} is not signed in")

    def _post(self, url, name):
        """POST and follow the redirect to the today page; True/False what it says."""
        token = self.client.cookies.get("csrftoken", "")
        with self.client.post(
            url, {"csrfmiddlewaretoken": token}, name=name, catch_response=True
        ) as response:
            if response.status_code != 200 or "/attendance/" not in response.url:
                response.failure(f"{name}: HTTP {response.status_code} at {response.url}")
                return None
            return response.text

    @task(4)
    def today(self):
        self.client.get("/attendance/", name="today page")

    @task(2)
    def check_in(self):
        page = self._post("/attendance/check-in/", "check in")
        if page and 'data-testid="checked-in"' in page:
            _told["checked_in"].add(self.username)

    @task(1)
    def check_out(self):
        if self.username not in _told["checked_in"]:
            return
        page = self._post("/attendance/check-out/", "check out")
        if page and 'data-testid="checked-out"' in page:
            _told["checked_out"].add(self.username)

    @task(2)
    def queue(self):
        if self.supervisor:
            self.client.get("/attendance/queue/", name="queue")
