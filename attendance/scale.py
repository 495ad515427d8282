"""Attendance at scale (``manage.py seed_scale``; see ``onsite.scale``).

Each staff member has 250 working days of check-ins ending on ``scale.end`` (about a
year; 125,000 at 500 staff), with late arrivals, early leaves and missing check-outs,
approved leave, absences, weekend work with and without overtime approval, and leave and
overtime requests in every state. The benchmark measures the last whole month.
"""

from datetime import date, datetime, timedelta
from datetime import time as clock
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from attendance.choices import (
    CalendarKind,
    Compensation,
    HalfDay,
    LeaveStatus,
    OvertimeKind,
    OvertimeStatus,
)
from attendance.holidays import calendar_between
from attendance.models import (
    AttendanceRecord,
    LeaveRequest,
    LeaveType,
    OvertimeRequest,
    SiteSchedule,
)

WORKING_DAYS = 250
BATCH = 2000
AGENT = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)"


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, clock(hour, minute)))


class Days:
    """The working days of the data and the rest days between them."""

    def __init__(self, end):
        calendar = calendar_between(end - timedelta(days=500), end)

        def working(day):
            kind = calendar.get(day)
            return kind == CalendarKind.MAKEUP or (kind is None and day.isoweekday() <= 5)

        days, day = [], end
        while len(days) < WORKING_DAYS:
            if working(day):
                days.append(day)
            day -= timedelta(days=1)
        self.days = days[::-1]
        self.end = self.days[-1]
        span = (self.end - self.days[0]).days
        every = (self.days[0] + timedelta(days=i) for i in range(span + 1))
        self.rest_days = [d for d in every if not working(d)]

    def rest_day_near(self, day, taken):
        """The first free rest day after ``day`` (within the data), else the last before."""
        after = [d for d in self.rest_days if d > day and d not in taken]
        before = [d for d in self.rest_days if d < day and d not in taken]
        chosen = after[0] if after else before[-1]
        taken.add(chosen)
        return chosen


def seed(scale):
    SiteSchedule.objects.bulk_create(
        SiteSchedule(
            site=site, valid_from=date(2020, 1, 1), start_time=clock(9), end_time=clock(18)
        )
        for site in scale.sites
    )
    days = Days(scale.end)
    types = {t.code: t for t in LeaveType.objects.all()}
    records, leave, overtime = [], [], []
    for n, user in scale.users.items():
        _person(scale, days, types, n, user, records, leave, overtime)
    AttendanceRecord.objects.bulk_create(records, batch_size=BATCH)
    LeaveRequest.objects.bulk_create(leave, batch_size=BATCH)
    OvertimeRequest.objects.bulk_create(overtime, batch_size=BATCH)
    return {
        "check-ins": len(records),
        "leave requests": len(leave),
        "overtime requests": len(overtime),
    }


def _person(scale, days, types, n, user, records, leave, overtime):
    """A year of one person: swaps keep 250 check-ins (a working day off, a rest day worked)."""
    site = scale.site_of(n)
    supervisor, hr = scale.supervisor_of(n), scale.people["hr"]
    k = n // 10  # place within the department: picks what happens to whom
    taken, swaps = set(), {}
    if k % 4 == 0:  # approved leave; the rest day worked is approved overtime
        for i in ((n * 13) % 200 + 10, WORKING_DAYS - 5 - k % 5):
            swaps[i + ((i + k) % 20 == 7)] = "leave"  # not on a day with workday overtime
    elif k % 10 == 1:  # absent; the rest day worked has no overtime request
        for i in ((n * 7) % 200 + 20, WORKING_DAYS - 10):
            swaps[i + ((i + k) % 20 == 7)] = "absent"
    for i, day in enumerate(days.days):
        if i in swaps:
            rest = days.rest_day_near(day, taken)
            records.append(
                AttendanceRecord(
                    user=user,
                    date=rest,
                    site=site,
                    check_in_at=at(rest, 9, (n + i) % 20),
                    check_out_at=at(rest, 17, (n * i) % 30),
                )
            )
            if swaps[i] == "leave":
                leave.append(_leave_taken(types, n, k, i, user, day, supervisor))
                overtime.append(_rest_day_overtime(n, k, user, site, rest, supervisor, hr))
            continue
        records.append(_check_in(scale, n, i, user, site, day))
        if (i + k) % 20 == 7:
            overtime.append(_workday_overtime(n, k, i, user, site, day, supervisor, hr))
    leave.extend(_other_leave(types, days, n, k, user))


def _check_in(scale, n, i, user, site, day):
    late = (n + 3 * i) % 17 == 0
    early = (n + 5 * i) % 23 == 0
    missing = (n + 7 * i) % 41 == 0 or day == scale.end
    check_in = at(day, 9, 10 + (n + i) % 30) if late else at(day, 8, 30 + (n + i) % 25)
    if missing:
        check_out = None
    elif (i + n // 10) % 20 == 7:
        check_out = at(day, 21, (n + i) % 15)
    elif early:
        check_out = at(day, 17, 20)
    else:
        check_out = at(day, 18, 2 + (n * i) % 20)
    return AttendanceRecord(
        user=user,
        date=day,
        site=site,
        check_in_at=check_in,
        check_out_at=check_out,
        check_in_ip="10.8.0.12",
        check_in_agent=AGENT,
    )


def _leave_taken(types, n, k, i, user, day, supervisor):
    code = ["ANNUAL", "SICK", "PERSONAL"][(k // 4 + i) % 3]
    if k % 8 == 0 and i >= WORKING_DAYS - 10:
        code = "COMP"  # compensatory leave only for those who earn it by rest-day work
    return LeaveRequest(
        user=user,
        leave_type=types[code],
        start_date=day,
        end_date=day,
        days=1,
        reason="家中有事",
        status=LeaveStatus.APPROVED,
        decided_by=supervisor,
        decided_at=at(day, 8),
    )


def _rest_day_overtime(n, k, user, site, rest, supervisor, hr):
    return OvertimeRequest(
        user=user,
        site=site,
        date=rest,
        start_time=clock(9),
        end_time=clock(17),
        planned_minutes=480,
        kind=OvertimeKind.REST_DAY,
        compensation=Compensation.LEAVE if k % 8 == 0 else Compensation.PAY,
        reason="活动保障",
        status=OvertimeStatus.FILED,
        supervisor_by=supervisor,
        hr_by=hr,
    )


def _workday_overtime(n, k, i, user, site, day, supervisor, hr):
    if i >= WORKING_DAYS - 10:
        status = [
            OvertimeStatus.SUBMITTED,
            OvertimeStatus.SUPERVISOR_APPROVED,
            OvertimeStatus.FILED,
        ][k % 3]
    elif (n + i) % 17 == 0:
        status = OvertimeStatus.REJECTED
    elif (n + i) % 23 == 0:
        status = OvertimeStatus.CANCELLED
    else:
        status = OvertimeStatus.FILED
    return OvertimeRequest(
        user=user,
        site=site,
        date=day,
        start_time=clock(18, 30),
        end_time=clock(21),
        planned_minutes=150,
        actual_minutes=155 if status == OvertimeStatus.FILED else None,
        kind=OvertimeKind.WORKDAY,
        reason="会议保障",
        status=status,
        supervisor_by=None if status == OvertimeStatus.SUBMITTED else supervisor,
        hr_by=hr if status == OvertimeStatus.FILED else None,
    )


def _other_leave(types, days, n, k, user):
    """Leave requests that do not change the check-ins: waiting, rejected, withdrawn."""
    found = []
    if k % 6 == 2:
        start_day = days.end + timedelta(days=7 + n % 10)
        found.append(
            LeaveRequest(
                user=user,
                leave_type=types["ANNUAL"],
                start_date=start_day,
                end_date=start_day + timedelta(days=1),
                start_half=HalfDay.PM if k % 12 == 2 else HalfDay.AM,
                days=2,
                reason="探亲",
            )
        )
    for status, every, offset in ((LeaveStatus.REJECTED, 9, 3), (LeaveStatus.CANCELLED, 11, 5)):
        if k % every == offset:
            day = days.days[(n * 11) % WORKING_DAYS]
            found.append(
                LeaveRequest(
                    user=user,
                    leave_type=types["PERSONAL"],
                    start_date=day,
                    end_date=day,
                    days=1,
                    reason="私事",
                    status=status,
                )
            )
    return found


def pages(scale):
    """The daily pages of attendance, as the person who opens them."""
    year, month = scale.measured_month()
    month = {"month": f"{year}-{month:02d}"}
    dept = scale.departments[0].pk

    def url(name, **query):
        return reverse(f"attendance:{name}") + (f"?{urlencode(query)}" if query else "")

    return [
        ("attendance: today", "staff", url("today")),
        ("attendance: my month", "staff", url("my_month", **month)),
        ("attendance: queue", "supervisor", url("queue")),
        ("attendance: team month grid", "supervisor", url("team", **month)),
        ("attendance: all requests", "supervisor", url("request_list", **month)),
        ("attendance: all leave", "supervisor", url("request_list", kind="leave", **month)),
        ("attendance: unapproved overtime", "supervisor", url("unapproved", **month)),
        ("attendance: queue", "hr", url("queue")),
        ("attendance: summary, company", "hr", url("summary", **month)),
        ("attendance: summary, 1 dept", "hr", url("summary", department=dept, **month)),
    ]


def forgetting_pages(scale):
    """The pages that remember each person's derived month (``attendance.memory``), to be
    measured with it forgotten before each request: the first view after every write."""
    from attendance import memory

    remembering = (
        "attendance: team month grid",
        "attendance: unapproved overtime",
        "attendance: summary, company",
    )
    return [(*page, memory.forget) for page in pages(scale) if page[0] in remembering]


def exports(scale):
    """The whole company's month, as Excel and as PDF, and its detailed day-by-day sheets."""
    year, month = scale.measured_month()
    fields = {"scope": "company", "year": year, "month": month}
    return [
        ("attendance: company month, Excel", "hr", "attendance.month", {"fmt": "xlsx", **fields}),
        ("attendance: company month, PDF", "hr", "attendance.month", {"fmt": "pdf", **fields}),
        ("attendance: day by day, PDF", "hr", "attendance.detail", {"fmt": "pdf", **fields}),
    ]
