"""Demo data of attendance: schedules for the demo sites and a few weeks of facts.

Idempotent: only ``get_or_create``; nothing that exists is changed.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from attendance.choices import Compensation, OvertimeKind, OvertimeStatus, PunchKind
from attendance.models import AttendanceRecord, CheckInPolicy, OvertimeRequest, SiteSchedule


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _last_workday(today):
    day = today - timedelta(days=1)
    while day.isoweekday() > 5:
        day -= timedelta(days=1)
    return day


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
    first = min(today.replace(day=1), today - timedelta(days=14))  # a few weeks, even on the 1st
    person = users["zhangwei"]
    day = first
    while day < today:
        if day.isoweekday() <= 5:
            late = day.day % 7 == 3
            forgot = day == _last_workday(today)  # a missed check-out to correct
            AttendanceRecord.objects.get_or_create(
                user=person,
                date=day,
                defaults={
                    "site": sites["SC"],
                    "check_in_at": _at(day, 8, 50 if late else 20),
                    "check_out_at": None if forgot else _at(day, 17, 40),
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
    _requests_to_decide(demo, today)


def _requests_to_decide(demo, today):
    """A missed check-out waiting for its correction, the IT department's leave waiting for
    HR (IT has no supervisor), and a deputy named for the AV supervisor's trip next month."""
    from attendance.models import Delegation, LeaveRequest, LeaveType, PunchCorrection

    users = demo.users
    last_workday = _last_workday(today)
    record = AttendanceRecord.objects.filter(user=users["zhangwei"], date=last_workday).first()
    if record and record.check_out_at is None:
        PunchCorrection.objects.get_or_create(
            user=users["zhangwei"],
            date=last_workday,
            kind=PunchKind.CHECK_OUT,
            defaults={"time": time(17, 35), "reason": "会议延时，离开时忘记签退"},
        )
    sick = LeaveType.objects.filter(code="SICK").first()
    if sick:
        day = today + timedelta(days=7)
        LeaveRequest.objects.get_or_create(
            user=users["zhouqiang"],
            leave_type=sick,
            start_date=day,
            defaults={"end_date": day, "days": 1, "reason": "复诊"},
        )
    start = (today.replace(day=1) + timedelta(days=40)).replace(day=10)
    Delegation.objects.get_or_create(
        supervisor=users["lina"],
        start_date=start,
        defaults={
            "deputy": users["chenjing"],
            "end_date": start + timedelta(days=4),
            "reason": "外出培训",
            "created_by": users["lina"],
        },
    )
