"""The measuring child of ``bench/run.py`` (not run by hand): one step against a database
that ``manage.py seed_scale`` filled, printed as one JSON object on the last line.

    measure.py pages    STAFF END REPETITIONS CLOCK   every daily page against base.html
    measure.py export   STAFF END INDEX               build one background export
    measure.py reminders STAFF END                    every reminder kind's scan
    measure.py checkin  STAFF END PEOPLE CLOCK        check-in POSTs against a minimal POST
    measure.py load-prepare STAFF END USERS           free today for the load test's people
    measure.py load-verify  STAFF END RESULTS.json    check-ins in the database vs locust's
    measure.py serve    STAFF END CLOCK               the daily pages' times, page by page, as
                                                      asked on stdin (run.py's alternating
                                                      full ÷ tenth measurement)
"""

import json
import os
import sys
import time
import warnings
from datetime import date
from pathlib import Path
from statistics import median, quantiles

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onsite.settings")
warnings.filterwarnings("ignore", "No directory at")  # WhiteNoise: no collectstatic here

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

settings.DEBUG = False
settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

from django.contrib.auth.decorators import login_required  # noqa: E402
from django.db import connection  # noqa: E402
from django.shortcuts import redirect, render  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import clear_url_caches, path, reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.views.decorators.http import require_POST  # noqa: E402

from onsite import scale as scaling  # noqa: E402

BACKEND = "onsite.auth_backends.UsernameOrEmployeeNumberBackend"
BASELINE = "/bench-baseline/"
MINIMAL_POST = "/bench-minimal-post/"
CLOCKS = {"cpu": time.process_time, "wall": time.perf_counter}


@login_required
def baseline(request):
    """A signed-in page rendering only ``base.html``: the per-request floor."""
    return render(request, "base.html")


@login_required
@require_POST
def minimal_post(request):
    """A signed-in POST that changes nothing and redirects, as a check-in does: the floor
    a check-in's throughput is held against."""
    return redirect(BASELINE)


def _mount_baseline():
    from importlib import import_module

    urls = import_module(settings.ROOT_URLCONF)
    urls.urlpatterns.insert(0, path(BASELINE.strip("/") + "/", baseline))
    urls.urlpatterns.insert(0, path(MINIMAL_POST.strip("/") + "/", minimal_post))
    clear_url_caches()


class Counted:
    """Counts the SQL statements run inside it (the test client's request resets Django's
    own query log at each request's start, so CaptureQueriesContext sees nothing)."""

    def __enter__(self):
        self.count = 0
        self._wrapper = connection.execute_wrapper(self._count)
        self._wrapper.__enter__()
        return self

    def __exit__(self, *exc):
        self._wrapper.__exit__(*exc)

    def __len__(self):
        return self.count

    def _count(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def _get(client, url):
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url}: HTTP {response.status_code}")
    return response


def _p95(values):
    return quantiles(values, n=20, method="inclusive")[-1] if len(values) > 1 else values[0]


def _listed_pages(scale):
    """(app, label, role, url, before each request or None): every app's daily pages, then
    the pages that remember what they derive, measured again with it forgotten before each
    request (an app's ``forgetting_pages``: the cost of the first view after a write)."""
    for app, listed in scaling.app_parts("pages"):
        for label, role, url in listed(scale):
            yield app, label, role, url, None
    for app, listed in scaling.app_parts("forgetting_pages"):
        for label, role, url, forget in listed(scale):
            yield app, f"{label}, derived anew", role, url, forget


def pages(scale, repetitions, clock):
    """Every app's daily pages, each alternating with the baseline as the same person."""
    _mount_baseline()
    tick = CLOCKS[clock]
    clients, rows = {}, []
    for app, label, role, url, forget in _listed_pages(scale):
        before = forget or (lambda: None)
        if role not in clients:
            clients[role] = Client()
            clients[role].force_login(scale.people[role], backend=BACKEND)
        client = clients[role]
        _get(client, url), _get(client, BASELINE)  # warm-up: first-use caches
        before()
        with Counted() as page_queries:
            response = _get(client, url)
        with Counted() as base_queries:
            _get(client, BASELINE)
        page_times, base_times = [], []
        for _ in range(repetitions):
            for url_, times in ((url, page_times), (BASELINE, base_times)):
                if url_ == url:
                    before()
                started = tick()
                _get(client, url_)
                times.append((tick() - started) * 1000)
        rows.append(
            {
                "app": app,
                "page": label,
                "role": role,
                "url": url,
                "median_ms": median(page_times),
                "p95_ms": _p95(page_times),
                "base_p95_ms": _p95(base_times),
                "base_median_ms": median(base_times),
                "ratio": _p95(page_times) / max(_p95(base_times), 1e-6),
                "queries": len(page_queries),
                "base_queries": len(base_queries),
                "bytes": len(response.content),
                "derived_anew": forget is not None,
            }
        )
    return {"pages": rows, "clock": clock, "repetitions": repetitions}


def serve(scale, clock):
    """Print the daily pages (``{"pages": [[label, role], ...]}``), then for each line read
    from stdin (``[label, role, n]``) request that page ``n`` times as its person and print
    ``{"times": [ms, ...]}``; end at the end of stdin. ``run.py`` asks two of these, one per
    scale, in turn, so both scales are measured in the same minutes."""
    tick = CLOCKS[clock]
    urls, clients, warm = {}, {}, set()
    for _app, label, role, url, forget in _listed_pages(scale):
        if forget is None:
            urls[(label, role)] = url
    print(json.dumps({"pages": list(urls)}), flush=True)
    while line := sys.stdin.readline():
        label, role, count = json.loads(line)
        url = urls[(label, role)]
        if role not in clients:
            clients[role] = Client()
            clients[role].force_login(scale.people[role], backend=BACKEND)
        client = clients[role]
        if url not in warm:
            warm.add(url)
            _get(client, url)  # first-use caches
        times = []
        for _ in range(count):
            started = tick()
            _get(client, url)
            times.append((tick() - started) * 1000)
        print(json.dumps({"times": times}), flush=True)
    return None


def checkin(scale, people, clock):
    """Each of ``people`` staff (nothing recorded today) checks in once, alternating with the
    same person's POST to ``minimal_post``: CPU time per request of each, and check-in
    throughput as a share of the minimal POST's (the ratio of their medians). Their
    check-ins are removed after."""
    from attendance.models import AttendanceRecord

    _mount_baseline()
    tick = CLOCKS[clock]
    chosen = [scale.users[n] for n in sorted(scale.users)[-people:]]
    today = timezone.localdate()
    AttendanceRecord.objects.filter(user__in=chosen, date=today).delete()
    url = reverse("attendance:check_in")
    clients = []
    for user in chosen:
        client = Client()
        client.force_login(user, backend=BACKEND)
        _get(client, reverse("attendance:today"))  # first-use caches, as a person has
        clients.append(client)
    checkins, minimal, queries = [], [], []
    for client in clients:
        for target, times in ((url, checkins), (MINIMAL_POST, minimal)):
            with Counted() as counted:
                started = tick()
                response = client.post(target)
                times.append((tick() - started) * 1000)
            if response.status_code != 302:
                raise SystemExit(f"{target}: HTTP {response.status_code}")
            if target == url:
                queries.append(len(counted))
    made = AttendanceRecord.objects.filter(user__in=chosen, date=today)
    checked_in = made.count()
    made.delete()
    return {
        "people": len(chosen),
        "checked_in": checked_in,
        "check_in_median_ms": median(checkins),
        "check_in_p95_ms": _p95(checkins),
        "minimal_median_ms": median(minimal),
        "share": median(minimal) / max(median(checkins), 1e-6),
        "queries": max(queries),
    }


def export(scale, index):
    """Queue and build one of the apps' exports, as a worker would."""
    from onsite import exports as framework

    listed = [row for _app, found in scaling.app_parts("exports") for row in found(scale)]
    label, role, kind, kwargs = listed[index]
    queued = framework.queue(scale.people[role], kind, **kwargs)
    model = type(queued)
    with Counted() as queries:
        started = time.perf_counter()
        framework.run(model._meta.label, queued.pk)
        seconds = time.perf_counter() - started
    queued.refresh_from_db()
    size = queued.file.size if queued.file else 0
    return {
        "export": label,
        "kind": kind,
        "state": str(queued.state),
        "error": getattr(queued, "error", ""),
        "seconds": seconds,
        "queries": len(queries),
        "bytes": size,
        "rows": getattr(queued, "rows", None),
    }


def export_count(scale):
    return {"exports": [row[0] for _a, f in scaling.app_parts("exports") for row in f(scale)]}


def reminders(scale):
    """Every reminder kind's scan now (what is due at this scale), then once more."""
    from onsite.reminding import all_kinds, run_scan

    now = timezone.now()
    rows = []
    for kind in all_kinds():
        with Counted() as queries:
            started = time.perf_counter()
            sent = run_scan(kind.name, now)
            seconds = time.perf_counter() - started
        rows.append({"kind": kind.name, "sent": sent, "seconds": seconds, "queries": len(queries)})
    return {"reminders": rows}


def load_prepare(scale, users):
    """The load test's people: supervisors first; nothing recorded for them today."""
    from attendance.models import AttendanceRecord

    chosen = [scale.users[n] for n in sorted(scale.users)[:users]]
    today = timezone.localdate()
    AttendanceRecord.objects.filter(user__in=chosen, date=today).delete()
    sessions = []
    for user in chosen:  # signed in beforehand: the test measures the day's work, not log-ins
        client = Client()
        client.force_login(user, backend=BACKEND)
        sessions.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
    return {
        "usernames": [u.username for u in chosen],
        "sessions": sessions,
        "cookie": settings.SESSION_COOKIE_NAME,
        "today": today.isoformat(),
    }


def load_verify(scale, results_path):
    """Compare what locust was told with the database: errors, lost and doubled check-ins."""
    from django.db.models import Count

    from attendance.models import AttendanceRecord
    from onsite.models import AuditEntry

    told = json.loads(Path(results_path).read_text())
    today = timezone.localdate()
    names = told["usernames"]
    records = AttendanceRecord.objects.filter(user__username__in=names, date=today)
    checked_in = set(records.values_list("user__username", flat=True))
    checked_out = set(
        records.filter(check_out_at__isnull=False).values_list("user__username", flat=True)
    )
    doubled = records.values("user").annotate(n=Count("id")).filter(n__gt=1).count()
    audit = (
        AuditEntry.objects.filter(
            action__in=["attendance.record.check_in", "attendance.record.check_out"],
            actor__username__in=names,
            created_at__date__gte=today,
        )
        .values("actor", "action")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count()
    )
    lost_in = sorted(set(told["checked_in"]) - checked_in)
    lost_out = sorted(set(told["checked_out"]) - checked_out)
    return {
        "people": len(names),
        "checked_in": len(checked_in),
        "checked_out": len(checked_out),
        "lost": len(lost_in) + len(lost_out),
        "doubled": doubled + audit,
        "unexpected": sorted(checked_in - set(told["checked_in"])),
    }


def main():
    step, staff, end, *rest = sys.argv[1:]
    scale = scaling.attach(date.fromisoformat(end) if end else None, int(staff))
    if step == "pages":
        result = pages(scale, int(rest[0]), rest[1])
    elif step == "checkin":
        result = checkin(scale, int(rest[0]), rest[1])
    elif step == "export":
        result = export(scale, int(rest[0]))
    elif step == "export-count":
        result = export_count(scale)
    elif step == "reminders":
        result = reminders(scale)
    elif step == "load-prepare":
        result = load_prepare(scale, int(rest[0]))
    elif step == "load-verify":
        result = load_verify(scale, rest[0])
    elif step == "serve":
        return serve(scale, rest[0])
    else:
        raise SystemExit(f"unknown step {step}")
    print(json.dumps(result, default=str))


if __name__ == "__main__":
    main()
