"""Derive each day's kind and attendance status from schedules, calendar, check-ins and leave.

Nothing here is stored: a status is recomputed from facts, so a corrected schedule or
calendar corrects every month it touches. ``Period`` loads all facts for many people
and a date range in a fixed number of queries (no query per person or per day).
"""

import copy
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from attendance.choices import (
    CORRECTED_MARK,
    OVERTIME_APPROVED,
    STATUS_CODES,
    CorrectionStatus,
    DayKind,
    DayStatus,
    HalfDay,
    LeaveStatus,
    OvertimeStatus,
    PunchKind,
)
from attendance.frame import Frame, assignments_between
from attendance.models import (
    AttendanceRecord,
    LeaveRequest,
    OvertimeRequest,
    PunchCorrection,
    SiteSchedule,
)
from onsite.reading import Reader, placeholders

NATIONAL = SiteSchedule(weekdays="12345", start_time=time(9, 0), end_time=time(18, 0))
HALF = Decimal("0.5")
# What derivation and the pages read of a check-in (not the addresses and browsers).
RECORD_FIELDS = ("id", "user_id", "date", "site_id", "check_in_at", "check_out_at")


class Punches:
    """A day's check-in and check-out as derivation and the pages read them: the fields of
    ``RECORD_FIELDS`` of an ``AttendanceRecord`` (read as plain values, many at a time, not
    as model objects), and the approved corrections that made them (``corrections``)."""

    def __init__(self, id, user_id, date, site_id, check_in_at=None, check_out_at=None):
        self.id = self.pk = id
        self.user_id, self.date, self.site_id = user_id, date, site_id
        self.check_in_at, self.check_out_at = check_in_at, check_out_at

    worked_minutes = AttendanceRecord.worked_minutes


@dataclass
class Day:
    """One person's day: what it is and how it went."""

    date: object
    kind: str
    site_id: int | None = None
    schedule: SiteSchedule | None = None
    record: Punches | None = None
    leave: LeaveRequest | None = None
    leave_portion: Decimal = Decimal(0)
    # [(leave type, days)] of a working day's leave: two half-day leaves of different types
    # on one day count half a day each, under their own type.
    leave_portions: list = field(default_factory=list)
    overtime: list = field(default_factory=list)
    status: str = DayStatus.UPCOMING
    late: bool = False
    early: bool = False
    missing_out: bool = False
    late_minutes: int = 0
    early_minutes: int = 0

    @property
    def is_working(self):
        return self.kind in DayKind.working()

    @property
    def has_approved_overtime(self):
        return any(ot.status in OVERTIME_APPROVED for ot in self.overtime)

    @property
    def unapproved_minutes(self):
        """Minutes worked on a day off without an approved overtime request."""
        if self.status == DayStatus.UNAPPROVED_OVERTIME and self.record:
            return self.record.worked_minutes
        return 0

    @property
    def corrections(self):
        """The approved missed-punch corrections the day was derived with (补卡)."""
        return getattr(self.record, "corrections", [])

    @property
    def corrected(self):
        return bool(self.corrections)

    @property
    def code(self):
        """The status's code for month grids, marked when a correction made it (never shown
        as an ordinary punch)."""
        code = str(STATUS_CODES[DayStatus(self.status)])
        return f"{code}{CORRECTED_MARK}" if self.corrected else code

    def kind_label(self):
        return DayKind(self.kind).label

    def status_label(self):
        return DayStatus(self.status).label


def leave_halves(leave, day):
    """(morning off, afternoon off) of a leave request on one date."""
    morning = not (day == leave.start_date and leave.start_half == HalfDay.PM)
    afternoon = not (day == leave.end_date and leave.end_half == HalfDay.AM)
    return morning, afternoon


# The hot reads of every month page, written once (see onsite.reading).
_RECORDS = Reader(AttendanceRecord, RECORD_FIELDS)
_FIXES = Reader(PunchCorrection)
_OVERTIME = Reader(OvertimeRequest)
_APPROVED = str(CorrectionStatus.APPROVED)
_DROPPED = (str(OvertimeStatus.CANCELLED), str(OvertimeStatus.REJECTED))


def _people_on(user_ids, first, last, dates):
    """(SQL condition, params): rows of ``user_ids`` dated ``first``–``last`` (or ``dates``).
    The three tables name these columns alike (``user_id``, ``date``)."""
    user, day = _RECORDS.column("user"), _RECORDS.column("date")
    where = f"{user} IN ({placeholders(user_ids)})"
    if dates is None:
        bounds = [_RECORDS.value("date", first), _RECORDS.value("date", last)]
        return f"{where} AND {day} >= %s AND {day} <= %s", [*user_ids, *bounds]
    chosen = [_RECORDS.value("date", d) for d in sorted(dates)]
    return f"{where} AND {day} IN ({placeholders(chosen)})", [*user_ids, *chosen]


def _local(dt):
    return timezone.localtime(dt)


def _minutes_between(day, a, b):
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(day, a), tz)
    end = timezone.make_aware(datetime.combine(day, b), tz)
    return int((end - start).total_seconds() // 60)


class Period:
    """All attendance facts of some people between two dates, loaded in a few queries."""

    def __init__(
        self,
        user_ids,
        first,
        last,
        *,
        today=None,
        leave_statuses=None,
        calendar_to=None,
        frame=None,
        dates=None,
    ):
        """``calendar_to``: read the holiday calendar up to that date (later than ``last``)
        for a caller that counts working days beyond the period (``self.calendar``).
        ``frame``: the ``Frame`` of these dates if the caller has read it.
        ``dates``: only those dates are derived (``unapproved_days_of``): check-ins,
        corrections and overtime are read for them alone, and no leave (a day off needs
        none)."""
        self.user_ids = list(user_ids)
        self.first, self.last = first, last
        self._hours_seen = {}
        self._site_days = {}
        self._dates = None
        self.today = today or timezone.localdate()
        statuses = leave_statuses or [LeaveStatus.APPROVED]
        if frame is None:
            frame = Frame(first, last, calendar_to=calendar_to, user_ids=self.user_ids)
            self.assignments = frame.assignments
        else:
            self.assignments = defaultdict(list)
            for a in assignments_between(self.user_ids, first, last).order_by("-start_date", "-id"):
                self.assignments[a.user_id].append(a)
        self.frame = frame
        self.schedules, self.days_off, self.calendar = (
            frame.schedules,
            frame.days_off,
            frame.calendar,
        )
        where, params = _people_on(self.user_ids, first, last, dates)
        self.records = {(row[1], row[2]): Punches(*row) for row in _RECORDS.rows(where, params)}
        self._read_requests(statuses if dates is None else None, where, params)

    def _read_requests(self, leave_statuses, where, params):
        """The people's leave (of ``leave_statuses``; none if None), approved corrections
        and live overtime requests on the dates ``where`` selects (three queries)."""
        self.leaves = defaultdict(list)
        if leave_statuses is not None:
            for leave in LeaveRequest.objects.filter(
                user_id__in=self.user_ids,
                status__in=leave_statuses,
                start_date__lte=self.last,
                end_date__gte=self.first,
            ).select_related("leave_type"):
                self.leaves[leave.user_id].append(leave)
        self.corrections = defaultdict(dict)
        status = _FIXES.column("status")
        for fix in _FIXES.objects(f"{where} AND {status} = %s", [*params, _APPROVED]):
            self.corrections[(fix.user_id, fix.date)][fix.kind] = fix
        self.overtime = defaultdict(list)
        status = _OVERTIME.column("status")
        for ot in _OVERTIME.objects(
            f"{where} AND {status} NOT IN (%s, %s)",
            [*params, *_DROPPED],
            order=_OVERTIME.column("id") + " DESC",  # within a day: the model's own order
        ):
            self.overtime[(ot.user_id, ot.date)].append(ot)

    def dates(self):
        """The period's dates, first to last (listed once: every person's days walk them)."""
        if self._dates is None:
            count = (self.last - self.first).days + 1
            self._dates = [self.first + timedelta(days=n) for n in range(count)]
        return self._dates

    def assignment_on(self, user_id, day):
        for a in self.assignments.get(user_id, ()):
            if a.start_date <= day and (a.end_date is None or a.end_date >= day):
                return a
        return None

    def schedule_on(self, site_id, day):
        return self.frame.schedule_on(site_id, day)

    def kind_of(self, day, site_id, schedule):
        return self.frame.kind_of(day, site_id, schedule)

    def day(self, user_id, day, *, national_if_unassigned=False):
        assignment = self.assignment_on(user_id, day)
        if assignment is None and not national_if_unassigned:
            return Day(day, DayKind.UNASSIGNED, status=DayStatus.UNASSIGNED)
        site_id = assignment.site_id if assignment else None
        kind, schedule = self._site_day(site_id, day)
        result = Day(day, kind, site_id=site_id, schedule=schedule)
        result.record = self.record_of(user_id, day, result.site_id)
        result.overtime = self.overtime.get((user_id, day), [])
        morning_off = afternoon_off = False
        portions = []
        for leave in self.leaves.get(user_id, ()):
            if leave.start_date <= day <= leave.end_date:
                m, a = leave_halves(leave, day)
                # each half counted once, for the first leave that takes it
                own = HALF * ((m and not morning_off) + (a and not afternoon_off))
                if own:
                    portions.append((leave.leave_type, own))
                morning_off |= m
                afternoon_off |= a
                result.leave = leave
        if result.leave and result.is_working:
            result.leave_portion = (HALF if morning_off else 0) + (HALF if afternoon_off else 0)
            result.leave_portions = portions
        self._judge(result, morning_off, afternoon_off)
        return result

    def _site_day(self, site_id, day):
        """(kind, schedule) of ``day`` at ``site_id`` (None: the national calendar), worked
        out once per site and date: the same for everyone there."""
        key = (site_id, day)
        found = self._site_days.get(key)
        if found is None:
            schedule = NATIONAL if site_id is None else self.schedule_on(site_id, day)
            found = self._site_days[key] = (self.kind_of(day, site_id, schedule), schedule)
        return found

    def record_of(self, user_id, day, site_id=None):
        """The day's check-in and check-out as derivation sees them: the punches, with the
        approved corrections' times in place of missed ones (the copy lists them)."""
        record = self.records.get((user_id, day))
        fixes = self.corrections.get((user_id, day))
        if not fixes:
            return record
        corrected = copy.copy(record) if record else Punches(None, user_id, day, site_id)
        if PunchKind.CHECK_IN in fixes:
            corrected.check_in_at = fixes[PunchKind.CHECK_IN].moment
        if PunchKind.CHECK_OUT in fixes:
            corrected.check_out_at = fixes[PunchKind.CHECK_OUT].moment
        if corrected.check_in_at is None:
            return record
        corrected.corrections = sorted(fixes.values(), key=lambda fix: fix.kind)
        return corrected

    def _judge(self, d, morning_off, afternoon_off):
        if d.kind == DayKind.UNASSIGNED:
            d.status = DayStatus.UNASSIGNED
            return
        record = d.record
        if not d.is_working:
            if record:
                d.status = (
                    DayStatus.OVERTIME if d.has_approved_overtime else DayStatus.UNAPPROVED_OVERTIME
                )
            elif d.kind in (DayKind.HOLIDAY, DayKind.BREAK):
                d.status = DayStatus.HOLIDAY
            else:
                d.status = DayStatus.REST
            return
        if morning_off and afternoon_off:
            d.status = DayStatus.LEAVE
            return
        if record is None:
            if d.leave:
                d.status = DayStatus.LEAVE
            elif d.date >= self.today:
                d.status = DayStatus.UPCOMING
            else:
                d.status = DayStatus.ABSENT
            return
        start, end, grace = self._hours(d.date, d.schedule)
        if not morning_off and record.check_in_at > start + grace:
            d.late = True
            d.late_minutes = int((record.check_in_at - start).total_seconds() // 60)
        if record.check_out_at is None:
            if d.date < self.today:
                d.missing_out = True
                d.status = DayStatus.MISSING_OUT
            else:
                d.status = DayStatus.LATE if d.late else DayStatus.CHECKED_IN
            return
        if not afternoon_off and record.check_out_at < end - grace:
            d.early = True
            d.early_minutes = int((end - record.check_out_at).total_seconds() // 60)
        if d.late and d.early:
            d.status = DayStatus.LATE_EARLY
        elif d.late:
            d.status = DayStatus.LATE
        elif d.early:
            d.status = DayStatus.EARLY
        else:
            d.status = DayStatus.PRESENT

    def _hours(self, day, schedule):
        """(start, end, grace) of a working day under ``schedule``, worked out once per
        date and schedule (the same for everyone at a site)."""
        key = (day, schedule.start_time, schedule.end_time, schedule.grace_minutes)
        hours = self._hours_seen.get(key)
        if hours is None:
            tz = timezone.get_current_timezone()
            hours = self._hours_seen[key] = (
                timezone.make_aware(datetime.combine(day, schedule.start_time), tz),
                timezone.make_aware(datetime.combine(day, schedule.end_time), tz),
                timedelta(minutes=schedule.grace_minutes),
            )
        return hours

    def days_of(self, user_id, **kwargs):
        return [self.day(user_id, day, **kwargs) for day in self.dates()]

    def unapproved_days_of(self, user_id):
        """The person's unapproved-overtime days, as ``days_of`` would find them.

        Only a check-in on an assigned non-working day can be one, so the full derivation
        runs for those days alone (a company-wide month otherwise derives every day).
        """
        found = []
        for date in self.dates():
            if (user_id, date) not in self.records and (user_id, date) not in self.corrections:
                continue
            assignment = self.assignment_on(user_id, date)
            if assignment is None:
                continue
            schedule = self.schedule_on(assignment.site_id, date)
            if self.kind_of(date, assignment.site_id, schedule) in DayKind.working():
                continue
            day = self.day(user_id, date)
            if day.status == DayStatus.UNAPPROVED_OVERTIME:
                found.append(day)
        return found


def days_for(user, first, last, **kwargs):
    """The derived days of one person (a handful of queries)."""
    return Period([user.pk], first, last, **kwargs).days_of(user.pk)


def working_days_of_leave(user, start_date, start_half, end_date, end_half):
    """How many working days (halves counted) a leave from/to those halves takes."""
    period = Period([user.pk], start_date, end_date, leave_statuses=[])
    total = Decimal(0)
    probe = LeaveRequest(
        start_date=start_date, start_half=start_half, end_date=end_date, end_half=end_half
    )
    for day in period.dates():
        d = period.day(user.pk, day, national_if_unassigned=True)
        if d.is_working:
            morning, afternoon = leave_halves(probe, day)
            total += (HALF if morning else 0) + (HALF if afternoon else 0)
    return total


def planned_minutes(day, start, end):
    return _minutes_between(day, start, end)
