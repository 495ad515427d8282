"""The access log at scale: the log's list page and "who is inside" (the venue page and
the door page's panel) at 10,000 and at 100,000 log rows of one venue. Prints time per
call (median after a warm-up) and queries per call.

Builds a throwaway SQLite database in a temporary folder (nothing else is touched); with
DATABASE_URL set it must name an EMPTY, THROWAWAY PostgreSQL database (it is filled and
left so). 200 people pass through one control room over the years, 20 of them inside now,
with visitors and supervisors among them.

    .venv/bin/python bench/meetingroom_log.py [repetitions=7]
"""

import os
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

from datetime import date, timedelta  # noqa: E402

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from meetingroom.choices import EntryStatus  # noqa: E402
from meetingroom.models import AccessEntry  # noqa: E402
from onsite.models import Assignment, Department, Site, StaffProfile, Venue  # noqa: E402

settings.DEBUG = False
settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

PEOPLE, INSIDE = 200, 20
SIZES = (10_000, 100_000)
FAMILY = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平"


def build_frame():
    if _DATABASE_URL and connection.introspection.table_names():
        sys.exit("The PostgreSQL database is not empty: give an empty throwaway one.")
    call_command("migrate", verbosity=0)
    User = get_user_model()
    department = Department.objects.create(code="AV", name="音视频技术部")
    site = Site.objects.create(code="SC", name="市会议中心")
    venue = Venue.objects.create(site=site, name="一号音控机房", kind="control_room")
    people = User.objects.bulk_create(
        User(
            username=f"p{n}",
            last_name=FAMILY[n % len(FAMILY)],
            first_name=GIVEN[n // len(FAMILY) % len(GIVEN)],
        )
        for n in range(PEOPLE)
    )
    StaffProfile.objects.bulk_create(
        StaffProfile(user=u, employee_no=f"E{n:04d}", department=department)
        for n, u in enumerate(people)
    )
    staff = Group.objects.get(name="staff")
    staff.user_set.add(*people)
    Assignment.objects.bulk_create(
        Assignment(user=u, site=site, start_date=date(2020, 1, 1)) for u in people
    )
    manager = people[0]
    manager.groups.add(Group.objects.get(name="venue_manager"))
    venue.managers.add(manager)
    return venue, manager, people


def add_rows(venue, manager, people, upto):
    """Closed entries back in time until the venue has ``upto`` rows; INSIDE people inside."""
    have = AccessEntry.objects.filter(venue=venue).count()
    now = timezone.now()
    if not have:
        AccessEntry.objects.bulk_create(
            AccessEntry(
                venue=venue,
                person=people[n],
                name=f"{people[n].last_name}{people[n].first_name}",
                organisation="驻场服务",
                purpose="设备巡检",
                supervisor=manager,
                entered_at=now - timedelta(minutes=30 + n),
                status=EntryStatus.INSIDE,
                logged_by=manager,
            )
            for n in range(INSIDE)
        )
        have = INSIDE
    rows = []
    for n in range(have, upto):
        person = people[n % PEOPLE]
        entered = now - timedelta(hours=2 + n)
        visitor = n % 10 == 0
        rows.append(
            AccessEntry(
                venue=venue,
                person=None if visitor else person,
                name="来访人员" if visitor else f"{person.last_name}{person.first_name}",
                organisation="设备厂商" if visitor else "驻场服务",
                purpose="检修" if visitor else "会议保障",
                supervisor=manager,
                entered_at=entered,
                exited_at=entered + timedelta(minutes=45),
                status=EntryStatus.LEFT,
                logged_by=manager,
            )
        )
    AccessEntry.objects.bulk_create(rows, batch_size=5000)
    with connection.cursor() as cursor:  # fresh statistics, as a live database keeps them
        cursor.execute("ANALYZE")


def measure(client, url, repetitions):
    client.get(url)
    executed = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(repetitions):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    return median(times), len(executed)


def main():
    repetitions = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    venue, manager, people = build_frame()
    client = Client()
    client.force_login(manager, backend="onsite.auth_backends.UsernameOrEmployeeNumberBackend")
    log = reverse("meetingroom:access_log", args=[venue.pk])
    pages = [
        ("access log, page 1", log),
        ("access log, page 200", log + "?page=200"),
        ("access log, search 王伟", log + "?q=王伟"),
        ("who is inside (venue page)", reverse("meetingroom:venue_detail", args=[venue.pk])),
        ("who is inside (door panel)", reverse("meetingroom:door_panel", args=[venue.pk])),
    ]
    engine = connection.vendor
    print(f"{engine}; {INSIDE} inside; median of {repetitions} after a warm-up")
    results = {}
    for size in SIZES:
        add_rows(venue, manager, people, size)
        for label, url in pages:
            results[(label, size)] = measure(client, url, repetitions)
    header = "".join(f"{f'{s:,} rows':>22}" for s in SIZES)
    print(f"{'page':<30}{header}")
    for label, _url in pages:
        cells = "".join(
            f"{results[(label, s)][0]:>10.1f} ms {results[(label, s)][1]:>3d} q  " for s in SIZES
        )
        print(f"{label:<30}{cells}")


if __name__ == "__main__":
    main()
