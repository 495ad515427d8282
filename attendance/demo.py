"""Demo data of attendance: schedules for the demo sites and a few weeks of facts.

Idempotent: only ``get_or_create``; nothing that exists is changed.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from attendance.choices import Compensation, OvertimeKind, OvertimeStatus
from attendance.models import AttendanceRecord, CheckInPolicy, OvertimeRequest, SiteSchedule


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def load(demo):
    sites, users = demo.sites, demo.users
    SiteSchedule.objects.get_or_create(
        site=sites["SC"],
        valid_from=date(2026, 1, 1),
        defaults={"start_time": time(8, 30), "end_time": time(17, 30), "grace_minutes": 5},
    )
    SiteSchedule.objects.get_or_create(
        site=sites["GA"],
        valid_from=date(2026, 1, 1),
        defaults={
            "weekdays": "123456",
            "start_time": time(9, 0),
            "end_time": time(17, 0),
            "grace_minutes": 10,
        },
    )
    CheckInPolicy.objects.get_or_create(site=sites["SC"])
    today = timezone.localdate()
    first = today.replace(day=1)
    person = users["zhangwei"]
    day = first
    while day < today:
        if day.isoweekday() <= 5:
            late = day.day % 7 == 3
            AttendanceRecord.objects.get_or_create(
                user=person,
                date=day,
                defaults={
                    "site": sites["SC"],
                    "check_in_at": _at(day, 8, 50 if late else 20),
                    "check_out_at": _at(day, 17, 40),
                },
            )
        day += timedelta(days=1)
    saturday = today + timedelta(days=(5 - today.weekday()) % 7 or 7)
    OvertimeRequest.objects.get_or_create(
        user=person,
        date=saturday,
        start_time=time(9, 0),
        defaults={
            "site": sites["SC"],
            "end_time": time(12, 0),
            "planned_minutes": 180,
            "kind": OvertimeKind.REST_DAY,
            "compensation": Compensation.LEAVE,
            "reason": "周六会议音视频保障",
            "status": OvertimeStatus.SUBMITTED,
        },
    )
