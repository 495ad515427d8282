"""Whole-company monthly attendance exports at 500 staff: the month PDF, the detailed
day-by-day PDF and Excel. Prints wall time, CPU time (this process and the PDF worker
processes), peak memory (this process, the largest worker) and pages.

Builds a throwaway SQLite database in a temporary folder (nothing else is touched):
10 departments × 50 staff at 2 client sites, a month of check-ins with some late
arrivals, leave and filed overtime; then runs the background export function.

    .venv/bin/python bench/attendance_export.py [staff=500] [year-month=2026-11] \
        [kinds=pdf,detail,xlsx]

Peak memory is sampled every 20 ms while each export runs (``/proc``): this process, the
largest worker, and all of them together.
"""

import os
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
_TMP = tempfile.mkdtemp(prefix="onsite-bench-")
os.environ["ONSITE_VAR_DIR"] = _TMP
os.environ.pop("DATABASE_URL", None)
os.environ["DJANGO_SETTINGS_MODULE"] = "onsite.settings"

import django  # noqa: E402

django.setup()

from datetime import date, datetime, timedelta  # noqa: E402
from datetime import time as clock  # noqa: E402
from io import BytesIO  # noqa: E402

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from attendance.choices import OvertimeKind, OvertimeStatus  # noqa: E402
from attendance.holidays import month_range  # noqa: E402
from attendance.models import (  # noqa: E402
    AttendanceExport,
    AttendanceRecord,
    LeaveRequest,
    LeaveType,
    OvertimeRequest,
    SiteSchedule,
)
from onsite import exports as framework  # noqa: E402
from onsite.models import Assignment, Department, Site, StaffProfile  # noqa: E402

FAMILY = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂"


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, clock(hour, minute)))


def populate(staff, year, month):
    User = get_user_model()
    sites = [
        Site.objects.create(code=f"S{i}", name=name)
        for i, name in enumerate(["市会议中心", "区政务服务中心"])
    ]
    for site in sites:
        SiteSchedule.objects.create(
            site=site, valid_from=date(2020, 1, 1), start_time=clock(9), end_time=clock(18)
        )
    departments = [
        Department.objects.create(code=f"D{i:02d}", name=f"驻场技术{i + 1}部") for i in range(10)
    ]
    users = User.objects.bulk_create(
        [
            User(
                username=f"u{n:04d}",
                last_name=FAMILY[n % len(FAMILY)],
                first_name=GIVEN[(n // len(FAMILY)) % len(GIVEN)] + GIVEN[n % 7],
            )
            for n in range(staff)
        ]
    )
    StaffProfile.objects.bulk_create(
        [
            StaffProfile(user=u, employee_no=f"E{n:05d}", department=departments[n % 10])
            for n, u in enumerate(users)
        ]
    )
    Assignment.objects.bulk_create(
        [
            Assignment(user=u, site=sites[n % 2], start_date=date(2020, 1, 1))
            for n, u in enumerate(users)
        ]
    )
    first, last = month_range(year, month)
    records = []
    day = first
    while day <= last:
        if day.isoweekday() <= 5:
            for n, u in enumerate(users):
                late = (n + day.day) % 11 == 0
                records.append(
                    AttendanceRecord(
                        user=u,
                        date=day,
                        site=sites[n % 2],
                        check_in_at=at(day, 9, 20) if late else at(day, 8, 45),
                        check_out_at=at(day, 18, 10),
                    )
                )
        day += timedelta(days=1)
    AttendanceRecord.objects.bulk_create(records, batch_size=2000)
    annual = LeaveType.objects.get(code="ANNUAL")
    LeaveRequest.objects.bulk_create(
        [
            LeaveRequest(
                user=u,
                leave_type=annual,
                start_date=first + timedelta(days=n % 20),
                end_date=first + timedelta(days=n % 20),
                days=1,
                reason="事",
                status="approved",
            )
            for n, u in enumerate(users)
            if n % 4 == 0
        ]
    )
    OvertimeRequest.objects.bulk_create(
        [
            OvertimeRequest(
                user=u,
                site=sites[n % 2],
                date=first + timedelta(days=n % 28),
                start_time=clock(18, 30),
                end_time=clock(21),
                planned_minutes=150,
                kind=OvertimeKind.WORKDAY,
                reason="保障",
                status=OvertimeStatus.FILED,
            )
            for n, u in enumerate(users)
            if n % 3 == 0
        ]
    )
    return users


def run(fmt, year, month, hr, kind="attendance.month"):
    """Build the whole company's month as a worker would; (file path, seconds)."""
    export = AttendanceExport.objects.create(
        requested_by=hr,
        kind=kind,
        scope="company",
        year=year,
        month=month,
        format=fmt,
    )
    started = time.perf_counter()
    framework.run(AttendanceExport._meta.label, export.pk)
    seconds = time.perf_counter() - started
    export.refresh_from_db()
    return Path(export.file.path), seconds


def main():
    staff = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    year, month = (int(x) for x in (sys.argv[2] if len(sys.argv) > 2 else "2026-11").split("-"))
    kinds = (sys.argv[3] if len(sys.argv) > 3 else "pdf,detail,xlsx").split(",")
    settings.PRIVATE_MEDIA_ROOT = Path(_TMP) / "private"
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    users = populate(staff, year, month)
    print(
        f"database: {staff} staff, {AttendanceRecord.objects.count()} check-ins "
        f"({time.perf_counter() - started:.1f} s to create)"
    )
    hr = users[0]
    for name in kinds:
        kind, fmt = KINDS[name]
        before = cpu_seconds()
        with MemoryWatch() as memory:
            path, seconds = run(fmt, year, month, hr, kind)
        size = path.stat().st_size / 1024
        pages = ""
        if fmt == "pdf":
            from pypdf import PdfReader

            pages = f", {len(PdfReader(BytesIO(path.read_bytes())).pages)} pages"
        print(
            f"{name:<6} whole company {year}-{month:02d}: {seconds:.1f} s, "
            f"CPU {cpu_seconds() - before:.1f} s{pages}, {size:.0f} KiB; {memory}"
        )


KINDS = {
    "pdf": ("attendance.month", "pdf"),
    "detail": ("attendance.detail", "pdf"),
    "xlsx": ("attendance.month", "xlsx"),
}


def cpu_seconds():
    """User and system CPU of this process and of its finished children (the PDF workers)."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


class MemoryWatch(threading.Thread):
    """Samples the resident memory of this process and of its children (the PDF workers)
        every 20 ms while an export runs: the peak of their sum (resident, and proportional:
    the fonts and libraries the processes share counted once), and of each alone."""

    def __init__(self):
        super().__init__(daemon=True)
        self.stop = threading.Event()
        self.total = self.proportional = self.parent = self.child = 0

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc_info):
        self.stop.set()
        self.join()

    def run(self):
        me = os.getpid()
        while not self.stop.wait(0.02):
            pids = children(me)
            own, workers = rss(me), [rss(pid) for pid in pids]
            self.parent = max(self.parent, own)
            self.child = max(self.child, *workers, 0)
            self.total = max(self.total, own + sum(workers))
            shared = sum(rss(pid, "Pss:", "smaps_rollup") for pid in [me, *pids])
            self.proportional = max(self.proportional, shared)

    def __str__(self):
        return (
            f"peak RSS together {self.total:.0f} MB (PSS {self.proportional:.0f} MB; this "
            f"process {self.parent:.0f} MB, largest worker {self.child:.0f} MB)"
        )


def rss(pid, field="VmRSS:", source="status"):
    """Resident MB of a process (0 once it is gone); with ``Pss:`` of ``smaps_rollup`` its
    proportional share (pages shared with the other processes counted once in all)."""
    try:
        with open(f"/proc/{pid}/{source}") as status:
            for line in status:
                if line.startswith(field):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0


def children(parent):
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == parent:
                found.append(int(entry))
    return found


if __name__ == "__main__":
    main()
