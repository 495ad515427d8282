"""One equipment reminder scan at 5,000 items and 2,000 plans, beside 500 items and 200 plans:
time and queries of finding what is due, and of the whole scan that sends it.

Builds a throwaway database: by default a fresh SQLite file in a temporary folder (deleted
at the end). If DATABASE_URL is set it must name an EMPTY, THROWAWAY PostgreSQL database:
the script migrates and fills it, and refuses to run if it already has tables.

The data: 5 client sites with a control room each, 100 staff assigned (20 a site) in 10
departments with their supervisors, devices spread over the sites, and plans of 2–3 devices
each with their open inspection: a tenth due today, a tenth inside their lead time, a tenth
overdue (escalated), the rest later. The scan is ``onsite.reminding.run_scan`` of the due and
overdue kinds, as beat runs it; "find" is the kind's ``find_due`` alone (reading only).

    .venv/bin/python bench/equipment_reminders.py [repetitions=3]
"""

import logging
import os
import shutil
import sys
import tempfile
import time
import warnings
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
_DATABASE_URL = os.environ.get("DATABASE_URL", "")
if _DATABASE_URL and not _DATABASE_URL.startswith(("postgres://", "postgresql://")):
    sys.exit("DATABASE_URL must name an empty throwaway PostgreSQL database (or be unset).")
_TMP = tempfile.mkdtemp(prefix="onsite-bench-")
os.environ["ONSITE_VAR_DIR"] = _TMP
os.environ["DEBUG"] = "false"
os.environ.pop("REDIS_URL", None)
os.environ["DJANGO_SETTINGS_MODULE"] = "onsite.settings"
warnings.filterwarnings("ignore", "No directory at")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
settings.PRIVATE_MEDIA_ROOT = Path(_TMP) / "private"

from datetime import date, datetime, timedelta  # noqa: E402

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from equipment import reminders  # noqa: E402
from equipment.models import Equipment, Inspection, MaintenancePlan  # noqa: E402
from onsite import notifications  # noqa: E402
from onsite.models import (  # noqa: E402
    Assignment,
    Department,
    Notification,
    SentReminder,
    Site,
    StaffProfile,
    Venue,
)
from onsite.reminding import run_scan  # noqa: E402

SITES, STAFF, DEPARTMENTS = 5, 100, 10
TODAY = date(2026, 12, 7)
NOW = timezone.make_aware(datetime(2026, 12, 7, 9, 0))
KINDS = ("equipment_inspection_due", "equipment_inspection_overdue")


def frame():
    sites = Site.objects.bulk_create(Site(code=f"S{i}", name=f"派驻单位{i}") for i in range(SITES))
    venues = Venue.objects.bulk_create(
        Venue(site=site, name="音控机房", kind="control_room") for site in sites
    )
    departments = Department.objects.bulk_create(
        Department(code=f"D{i}", name=f"技术{i}部") for i in range(DEPARTMENTS)
    )
    User = get_user_model()
    users = User.objects.bulk_create(
        User(username=f"u{n:03d}", email=f"u{n:03d}@example.com", last_name="张", first_name=f"{n}")
        for n in range(STAFF)
    )
    StaffProfile.objects.bulk_create(
        StaffProfile(user=u, employee_no=f"E{n:04d}", department=departments[n % DEPARTMENTS])
        for n, u in enumerate(users)
    )
    Assignment.objects.bulk_create(
        Assignment(user=u, site=sites[n % SITES], start_date=date(2026, 1, 1))
        for n, u in enumerate(users)
    )
    staff = Group.objects.get(name="staff")
    staff.user_set.add(*users)
    for n, department in enumerate(departments):
        department.supervisors.add(users[n])
    for n, venue in enumerate(venues):
        venue.managers.add(users[STAFF - 1 - n])
    return sites, venues, users


def grow(world, items, plans, start):
    """Add devices ``start``… up to ``items`` and plans up to ``plans`` (open inspections)."""
    sites, venues, users = world
    have_items, have_plans = Equipment.objects.count(), MaintenancePlan.objects.count()
    with transaction.atomic():
        devices = Equipment.objects.bulk_create(
            Equipment(
                site=sites[n % SITES],
                venue=venues[n % SITES] if n % 2 else None,
                name=f"设备{n}",
                kind="computer",
                serial=f"SN{n:06d}",
            )
            for n in range(have_items, items)
        )
        by_site = {}
        for device in Equipment.objects.filter(pk__in=[d.pk for d in devices]):
            by_site.setdefault(device.site_id, []).append(device)
        new_plans = MaintenancePlan.objects.bulk_create(
            MaintenancePlan(
                title=f"巡检{n}",
                kind="inspection",
                site=sites[n % SITES],
                venue=venues[n % SITES] if n % 3 == 0 else None,
                frequency="monthly",
                starts_on=TODAY - timedelta(days=30),
                lead_days=3,
                checklist="外观\n运行",
                assignee=users[n % STAFF] if n % 2 else None,
            )
            for n in range(have_plans, plans)
        )
        Through = MaintenancePlan.equipment.through
        links = []
        for index, plan in enumerate(new_plans):
            pool = by_site.get(plan.site_id) or list(Equipment.objects.filter(site=plan.site)[:3])
            for k in range(2 + index % 2):
                links.append(
                    Through(
                        maintenanceplan_id=plan.pk,
                        equipment_id=pool[(index * 3 + k) % len(pool)].pk,
                    )
                )
        Through.objects.bulk_create(links, ignore_conflicts=True)
        offsets = [0, 2, -2, 10, 15, 20, 25, 5, 8, 12]  # today, lead time, overdue, later…
        Inspection.objects.bulk_create(
            Inspection(
                plan=plan,
                scheduled_on=TODAY + timedelta(days=offsets[(have_plans + i) % 10]),
                due_on=TODAY + timedelta(days=offsets[(have_plans + i) % 10]),
            )
            for i, plan in enumerate(new_plans)
        )


class Counter:
    """Counts the queries run (no log kept, so no limit)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def counted(fn):
    counter = Counter()
    with connection.execute_wrapper(counter):
        started = time.perf_counter()
        result = fn()
        elapsed = (time.perf_counter() - started) * 1000
    return result, counter.count, elapsed


def measure(repetitions):
    """(found, find queries, find ms, sent, scan queries, scan ms, sent by a 2nd scan)."""
    finders = (reminders.inspections_due, reminders.inspections_overdue)
    find_ms, scan_ms = [], []
    for _ in range(repetitions):
        found, find_queries, ms = counted(lambda: sum(len(list(fn(NOW))) for fn in finders))
        find_ms.append(ms)
    for _ in range(repetitions):
        SentReminder.objects.all().delete()
        Notification.objects.all().delete()
        sent, scan_queries, ms = counted(lambda: sum(run_scan(kind, NOW) for kind in KINDS))
        scan_ms.append(ms)
    again = sum(run_scan(kind, NOW) for kind in KINDS)
    return found, find_queries, median(find_ms), sent, scan_queries, median(scan_ms), again


def main():
    # The broker hand-off is not measured: the notifications wait in the outbox.
    notifications.enqueue_relay = lambda ids: False
    logging.disable(logging.WARNING)
    repetitions = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    if connection.vendor != "sqlite" and connection.introspection.table_names():
        sys.exit("DATABASE_URL names a database with tables: give an empty throwaway one.")
    call_command("migrate", verbosity=0)
    world = frame()
    print(f"database: {connection.vendor} (throwaway); scan at {NOW:%Y-%m-%d %H:%M}")
    header = (
        f"{'items':>6} {'plans':>6} {'due':>5} {'find q':>7} {'find ms':>8} "
        f"{'sent':>5} {'scan q':>7} {'scan ms':>8} {'2nd scan':>8}"
    )
    print(header)
    print("-" * len(header))
    for items, plans in ((500, 200), (5000, 2000)):
        grow(world, items, plans, 0)
        found, fq, fms, sent, sq, sms, again = measure(repetitions)
        cells = f"{found:5d} {fq:7d} {fms:8.0f} {sent:5d} {sq:7d} {sms:8.0f} {again:8d}"
        print(f"{items:6d} {plans:6d} {cells}")
    print(
        "find: the kinds' find_due (reading what is due); scan: run_scan, which also writes "
        "per reminder sent (its SentReminder row, the mute check, the notifications)."
    )


if __name__ == "__main__":
    try:
        main()
    finally:
        connection.close()
        shutil.rmtree(_TMP, ignore_errors=True)
