"""Duties pages at 500 people: time per page, queries per page, and whether the queries grow.

Measures the two pages the duties issue names:
- the receipts page of one document sent to 500 people (who signed, answered, objected and
  when; counts per status, then a page of names), as its sender (HR), filtered and not;
- the supervisor's missing-report page for a day, over 500 staff (each day read from the
  attendance derivation: schedules, calendar, check-ins, leave).
It also times the document's own page, the missing checklists page and the deemed-acceptance
sweep over the silent receipts (a beat task: its queries grow with the rows it claims, one
claim each, by design).

Builds a throwaway database: by default a fresh SQLite file in a temporary folder (deleted at
the end). If DATABASE_URL is set it must name an EMPTY, THROWAWAY PostgreSQL database: the
script migrates and fills it, and refuses to run if it already has tables.

    .venv/bin/python bench/duties_pages.py [repetitions=7]
"""

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
_TMP = tempfile.mkdtemp(prefix="onsite-bench-")  # deleted at the end
os.environ["ONSITE_VAR_DIR"] = _TMP
os.environ["DEBUG"] = "false"
os.environ.pop("REDIS_URL", None)
os.environ["DJANGO_SETTINGS_MODULE"] = "onsite.settings"
warnings.filterwarnings("ignore", "No directory at")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

settings.DEBUG = False
settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
settings.PRIVATE_MEDIA_ROOT = Path(_TMP) / "private"

from datetime import date, datetime, timedelta  # noqa: E402
from datetime import time as clock  # noqa: E402

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from attendance.choices import LeaveStatus  # noqa: E402
from attendance.models import AttendanceRecord, LeaveRequest, LeaveType, SiteSchedule  # noqa: E402
from duties.choices import SILENT_RECEIPT_STATES, ReceiptStatus  # noqa: E402
from duties.models import ChecklistTemplate, CompanyDocument, Receipt, WorkReport  # noqa: E402
from duties.services.documents import deem_silent_receipts  # noqa: E402
from onsite.models import Assignment, Department, Site, StaffProfile  # noqa: E402

STAFF, SMALL_STAFF = 500, 50
DEPARTMENTS, SITES = 10, 5
BACKEND = "onsite.auth_backends.UsernameOrEmployeeNumberBackend"
FAMILY = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂"
# What each recipient did with the document, by number (the rest stay silent).
RECEIPT_MIX = [
    (ReceiptStatus.SIGNED, 3),
    (ReceiptStatus.ACCEPTED, 3),
    (ReceiptStatus.OBJECTED, 1),
    (ReceiptStatus.REPLIED, 1),
]


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, clock(hour, minute)))


def last_wednesday():
    day = timezone.localdate() - timedelta(days=1)
    while day.isoweekday() != 3:
        day -= timedelta(days=1)
    return day


class World:
    """Sites with schedules and checklists, departments, HR and a supervisor of them all,
    and one document HR sent; staff are added into it in steps."""

    def __init__(self):
        User = get_user_model()
        self.day = last_wednesday()
        self.sites = Site.objects.bulk_create(
            Site(code=f"S{i}", name=f"派驻单位{i + 1}") for i in range(SITES)
        )
        SiteSchedule.objects.bulk_create(
            SiteSchedule(
                site=s, valid_from=date(2020, 1, 1), start_time=clock(9), end_time=clock(18)
            )
            for s in self.sites
        )
        self.departments = Department.objects.bulk_create(
            Department(code=f"D{i:02d}", name=f"驻场技术{i + 1}部") for i in range(DEPARTMENTS)
        )
        self.groups = {g.name: g for g in Group.objects.all()}
        self.hr = User.objects.create(username="hr", last_name="王", first_name="芳")
        StaffProfile.objects.create(
            user=self.hr, employee_no="H0001", department=self.departments[0]
        )
        self.hr.groups.add(self.groups["hr"])
        self.supervisor = User.objects.create(username="lead", last_name="李", first_name="娜")
        StaffProfile.objects.create(
            user=self.supervisor, employee_no="L0001", department=self.departments[0]
        )
        self.supervisor.groups.add(self.groups["supervisor"])
        for department in self.departments:
            department.supervisors.add(self.supervisor)
        ChecklistTemplate.objects.bulk_create(
            ChecklistTemplate(site=s, items="清扫\n开机检查", updated_by=self.hr)
            for s in self.sites
        )
        self.document = CompanyDocument.objects.create(
            title="关于做好重要会议保障工作的通知",
            body="各驻场人员须于会前一小时到岗。",
            sender=self.hr,
            deadline=timezone.now() + timedelta(days=2),
        )
        self.leave_type = LeaveType.objects.get(code="ANNUAL")


def populate(world, start, stop):
    """Staff ``start`` to ``stop - 1``: stationed, checked in that day (some late, some on
    leave), some reported; each a receipt of the document in a mix of states."""
    User = get_user_model()
    day, now = world.day, timezone.now()
    with transaction.atomic():
        users = User.objects.bulk_create(
            User(
                username=f"u{n:04d}",
                last_name=FAMILY[n % len(FAMILY)],
                first_name=GIVEN[(n // len(FAMILY)) % len(GIVEN)] + GIVEN[n % 7],
            )
            for n in range(start, stop)
        )
        staff = dict(zip(range(start, stop), users, strict=True))
        StaffProfile.objects.bulk_create(
            StaffProfile(user=u, employee_no=f"E{n:05d}", department=world.departments[n % 10])
            for n, u in staff.items()
        )
        Assignment.objects.bulk_create(
            Assignment(user=u, site=world.sites[n % SITES], start_date=date(2020, 1, 1))
            for n, u in staff.items()
        )
        Through = User.groups.through
        Through.objects.bulk_create(
            Through(user_id=u.pk, group_id=world.groups["staff"].pk) for u in staff.values()
        )
        on_leave = {n for n in staff if n % 25 == 3}
        AttendanceRecord.objects.bulk_create(
            AttendanceRecord(
                user=u,
                date=day,
                site=world.sites[n % SITES],
                check_in_at=at(day, 9, 20) if n % 9 == 0 else at(day, 8, 40),
                check_out_at=at(day, 18, 5),
            )
            for n, u in staff.items()
            if n not in on_leave and n % 13 != 5  # a few absent
        )
        LeaveRequest.objects.bulk_create(
            LeaveRequest(
                user=staff[n],
                leave_type=world.leave_type,
                start_date=day,
                end_date=day,
                days=1,
                reason="探亲",
                status=LeaveStatus.APPROVED,
            )
            for n in on_leave
        )
        WorkReport.objects.bulk_create(
            WorkReport(author=u, period_start=day, work_done="会议保障")
            for n, u in staff.items()
            if n % 3 == 0
        )
        statuses = [status for status, weight in RECEIPT_MIX for _ in range(weight)]
        statuses += [ReceiptStatus.SENT] * (12 - len(statuses))
        Receipt.objects.bulk_create(
            Receipt(
                document=world.document,
                recipient=u,
                status=statuses[n % len(statuses)],
                signed_at=None if statuses[n % len(statuses)] == ReceiptStatus.SENT else now,
                explanation="人手不足" if statuses[n % len(statuses)] == "objected" else "",
            )
            for n, u in staff.items()
        )


def pages(world):
    doc = world.document.pk
    day = {"date": world.day.isoformat()}
    receipts = reverse("duties:document_receipts", args=[doc])
    return [
        ("document receipts", "hr", receipts, {}),
        ("document receipts: objected", "hr", receipts, {"status": "objected"}),
        ("document receipts: page 10", "hr", receipts, {"page": "10"}),
        ("document page (counts)", "hr", reverse("duties:document_detail", args=[doc]), {}),
        ("missing reports", "supervisor", reverse("duties:report_missing"), day),
        ("checklists per day", "supervisor", reverse("duties:checklist_overview"), day),
    ]


def clients(world):
    found = {}
    for role, user in (("hr", world.hr), ("supervisor", world.supervisor)):
        client = Client()
        client.force_login(user, backend=BACKEND)
        found[role] = client
    return found


def measure(client, url, query, repetitions):
    """(queries, size in bytes, median ms, min ms, max ms) of GET url, after a warm-up."""
    client.get(url, query)  # warm-up: first-use caches (content types, translations)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, query)
    queries = len(captured.captured_queries)  # now: the next request's connection resets the log
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(repetitions):
        started = time.perf_counter()
        client.get(url, query)
        times.append((time.perf_counter() - started) * 1000)
    return queries, len(response.content), median(times), min(times), max(times)


def main():
    repetitions = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    if connection.vendor != "sqlite" and connection.introspection.table_names():
        sys.exit("DATABASE_URL names a database with tables: give an empty throwaway one.")
    print(f"database: {connection.vendor} (throwaway), today {timezone.localdate()}")
    call_command("migrate", verbosity=0)
    world = World()
    by_role = clients(world)
    populate(world, 0, SMALL_STAFF)
    small = {label: measure(by_role[role], url, q, 3) for label, role, url, q in pages(world)}
    populate(world, SMALL_STAFF, STAFF)
    supervised = StaffProfile.objects.filter(
        department__supervisors=world.supervisor, user__groups__name="staff"
    ).count()
    print(
        f"{STAFF} staff in {DEPARTMENTS} departments at {SITES} sites, day {world.day}; "
        f"one document sent to {Receipt.objects.count()} people; the supervisor supervises "
        f"all {supervised}"
    )
    print()
    header = (
        f"{'page':<30} {'role':<11} {'median ms':>9} {'min–max ms':>13} {'queries':>7} "
        f"{'KiB':>5} {'queries at 50':>14}"
    )
    print(header)
    print("-" * len(header))
    growing = []
    for label, role, url, query in pages(world):
        queries, size, mid, low, high = measure(by_role[role], url, query, repetitions)
        if queries != small[label][0]:
            growing.append(label)
        print(
            f"{label:<30} {role:<11} {mid:9.0f} {f'{low:.0f}–{high:.0f}':>13} {queries:7d} "
            f"{size / 1024:5.0f} {small[label][0]:14d}"
        )
    print()
    if growing:
        print(f"Query count GROWS with the data on: {', '.join(growing)}")
    else:
        print(f"Query count the same at {SMALL_STAFF} and {STAFF} people on every page.")

    silent = Receipt.objects.filter(status__in=SILENT_RECEIPT_STATES).count()
    CompanyDocument.objects.filter(pk=world.document.pk).update(
        deadline=timezone.now() - timedelta(minutes=1)
    )
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        deemed = deem_silent_receipts(timezone.now())
        seconds = time.perf_counter() - started
    sweep_queries = len(captured.captured_queries)
    print(
        f"Deemed-acceptance sweep (beat): {deemed} of {silent} silent receipts claimed in "
        f"{seconds * 1000:.0f} ms, {sweep_queries} queries (one claim, audit entry and "
        f"notification per receipt); run again: {deem_silent_receipts(timezone.now())} claimed"
    )
    print(f"({connection.vendor}, {os.cpu_count()} CPUs, client and server in one process)")


if __name__ == "__main__":
    try:
        main()
    finally:
        connection.close()
        shutil.rmtree(_TMP, ignore_errors=True)
