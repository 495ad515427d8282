"""Monthly attendance figures per person, computed for many people in a fixed number of queries.

The same rows feed the summary page, the PDF and the Excel export, so they always agree.
"""

import functools
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Exists, OuterRef

from attendance.choices import (
    LEAVE_COUNTED,
    OVERTIME_APPROVED,
    Compensation,
    CorrectionStatus,
    DayStatus,
    OvertimeKind,
    OvertimeStatus,
    PunchKind,
)
from attendance.conf import conf
from attendance.days import Period
from attendance.holidays import month_range
from attendance.models import (
    AttendanceRecord,
    LeaveRequest,
    LeaveType,
    OvertimeRequest,
    PunchCorrection,
)
from onsite.names import display_name
from onsite.reading import Reader, placeholders

PRESENT_STATUSES = {
    DayStatus.PRESENT,
    DayStatus.LATE,
    DayStatus.EARLY,
    DayStatus.LATE_EARLY,
    DayStatus.MISSING_OUT,
    DayStatus.CHECKED_IN,
}


def hours(minutes):
    """Minutes as hours with one decimal (for display and export; storage stays minutes)."""
    return (Decimal(minutes) / 60).quantize(Decimal("0.1"))


@dataclass
class StaffMonth:
    """One person's month: the derived days and the totals HR files."""

    user: object
    days: list
    present_days: int = 0
    late_count: int = 0
    early_count: int = 0
    missing_out_count: int = 0
    absent_count: int = 0
    leave_days: dict = field(default_factory=dict)  # leave type id -> days
    overtime_minutes: dict = field(default_factory=dict)  # OvertimeKind -> confirmed minutes
    pending_minutes: int = 0  # approved overtime whose hours are not confirmed (yet)
    unapproved_minutes: int = 0
    corrected_days: int = 0
    comp_balance: Decimal = Decimal(0)

    @property
    def name(self):
        return display_name(self.user)

    @property
    def employee_no(self):
        return self.user.profile.employee_no

    @property
    def department(self):
        return self.user.profile.department

    def overtime_hours(self, kind):
        return hours(self.overtime_minutes.get(kind, 0))

    @property
    def ot_workday(self):
        return self.overtime_hours(OvertimeKind.WORKDAY)

    @property
    def ot_rest(self):
        return self.overtime_hours(OvertimeKind.REST_DAY)

    @property
    def ot_holiday(self):
        return self.overtime_hours(OvertimeKind.HOLIDAY)

    @property
    def unapproved_hours(self):
        return hours(self.unapproved_minutes)

    @property
    def pending_hours(self):
        """Approved overtime not (yet) confirmed as worked: shown apart, never paid."""
        return hours(self.pending_minutes)

    @property
    def codes(self):
        return [d.code for d in self.days]


def staff_queryset(department=None, site=None, year=None, month=None, base=None):
    """People of a department, or assigned to a site during the month, with their profile."""
    User = get_user_model()
    people = (base if base is not None else User.objects.all()).filter(
        is_active=True, profile__isnull=False
    )
    if department is not None:
        people = people.filter(profile__department=department)
    if site is not None:
        people = assigned_during(people, site, *month_range(year, month))
    return (
        people.select_related("profile__department")
        .order_by("profile__department__code", "profile__employee_no")
        .distinct()
    )


def assigned_during(people, site, first, last):
    """The people assigned to ``site`` at some time between ``first`` and ``last``."""
    return people.filter(assignments__site=site, assignments__start_date__lte=last).exclude(
        assignments__end_date__lt=first
    )


def worked_rest_days(people, frame):
    """The people with a check-in (or an approved corrected one) on a day off of ``frame``
    that no approved overtime request covers: the only people with unapproved overtime
    (found in SQL; ``unapproved_items`` derives their days)."""
    return people.filter(_worked_unapproved(tuple(sorted(frame.rest_dates()))))


@functools.lru_cache(maxsize=64)
def _worked_unapproved(dates):
    """The condition of ``worked_rest_days`` on ``dates``, put together once per set of dates
    (1.1 ms of the list's request, measured; filtering with it costs 0.3): each query
    resolves a copy of it, so nothing of one request is kept."""
    approved = OvertimeRequest.objects.filter(
        user_id=OuterRef("user_id"), date=OuterRef("date"), status__in=OVERTIME_APPROVED
    )
    records = AttendanceRecord.objects.filter(user_id=OuterRef("pk"), date__in=dates)
    fixes = PunchCorrection.objects.filter(
        user_id=OuterRef("pk"),
        date__in=dates,
        status=CorrectionStatus.APPROVED,
        kind=PunchKind.CHECK_IN,
    )
    return Exists(records.filter(~Exists(approved))) | Exists(fixes.filter(~Exists(approved)))


def unapproved_items(people, frame):
    """(person, day, hours) of every day ``people`` worked without approved overtime in the
    frame's dates (people: from ``worked_rest_days``; only their days off are derived)."""
    people = list(people)
    period = Period(
        [p.pk for p in people], frame.first, frame.last, frame=frame, dates=frame.rest_dates()
    )
    return [
        (person, day, hours(day.unapproved_minutes))
        for person in people
        for day in period.unapproved_days_of(person.pk)
    ]


def month_rows(people, year, month, *, today=None, balances=True, period=None):
    """A StaffMonth for each person (people: an iterable of users with profile loaded).

    ``balances=False`` leaves out the compensatory leave balance (two queries fewer, for a
    page that does not show it); ``period``: the month's ``Period`` if the caller made it.
    """
    people = list(people)
    ids = [p.pk for p in people]
    first, last = month_range(year, month)
    period = period or Period(ids, first, last, today=today)
    worked, pending = _overtime_of(period)
    comp = comp_balances(ids, last) if balances else {}
    rows = []
    for person in people:
        row = StaffMonth(person, period.days_of(person.pk))
        for day in row.days:
            if day.status in PRESENT_STATUSES or (day.record and day.is_working):
                row.present_days += 1
            row.late_count += day.late
            row.early_count += day.early
            row.missing_out_count += day.missing_out
            row.absent_count += day.status == DayStatus.ABSENT
            row.unapproved_minutes += day.unapproved_minutes
            row.corrected_days += day.corrected
            for leave_type, days in day.leave_portions:
                key = leave_type.pk
                row.leave_days[key] = row.leave_days.get(key, Decimal(0)) + days
        row.overtime_minutes = dict(worked.get(person.pk, {}))
        row.pending_minutes = pending.get(person.pk, 0)
        if balances:
            row.comp_balance = comp[person.pk]
        rows.append(row)
    return rows


def _overtime_of(period):
    """({person: {kind: minutes}} of filed overtime whose hours are confirmed, {person:
    planned minutes} of approved overtime not confirmed yet) in the period (read with it).

    Enforces R2.3-overtime-hr-filing.
    """
    worked = defaultdict(lambda: defaultdict(int))
    pending = defaultdict(int)
    for requests in period.overtime.values():
        for ot in requests:
            if ot.status not in OVERTIME_APPROVED:
                continue
            if ot.actual_minutes is None:
                pending[ot.user_id] += ot.planned_minutes
            elif ot.status == OvertimeStatus.FILED:
                worked[ot.user_id][ot.kind] += ot.actual_minutes
    return worked, pending


_OVERTIME = Reader(OvertimeRequest, ("user", "actual_minutes"))
_LEAVE = Reader(LeaveRequest, ("user", "days"))


def _comp_sql(ids, until):
    """(SQL, params): each person's confirmed compensatory minutes (side 0) and compensatory
    leave days taken or asked (side 1) up to ``until``, as one statement: the page of a
    monthly summary asks it on every request, and building it as an ORM union cost 3 ms."""
    quote = connection.ops.quote_name
    ot, leave = OvertimeRequest._meta, LeaveRequest._meta
    kinds = LeaveType._meta
    o, lr, lt = quote(ot.db_table), quote(leave.db_table), quote(kinds.db_table)

    def col(table, meta, name):
        return f"{table}.{quote(meta.get_field(name).column)}"

    people = placeholders(ids)
    counted = sorted(str(status) for status in LEAVE_COUNTED)
    earned = (  # every name from the models, every value a parameter
        f"SELECT {col(o, ot, 'user')}, 0, SUM({col(o, ot, 'actual_minutes')}) FROM {o} "  # noqa: S608
        f"WHERE {col(o, ot, 'user')} IN ({people}) AND {col(o, ot, 'status')} = %s "
        f"AND {col(o, ot, 'kind')} = %s AND {col(o, ot, 'compensation')} = %s "
        f"AND {col(o, ot, 'actual_minutes')} IS NOT NULL"
    )
    earned_params = [
        *ids,
        str(OvertimeStatus.FILED),
        str(OvertimeKind.REST_DAY),
        str(Compensation.LEAVE),
    ]
    used = (
        f"SELECT {col(lr, leave, 'user')}, 1, SUM({col(lr, leave, 'days')}) FROM {lr} "  # noqa: S608
        f"JOIN {lt} ON {col(lt, kinds, 'id')} = {col(lr, leave, 'leave_type')} "
        f"WHERE {col(lr, leave, 'user')} IN ({people}) "
        f"AND {col(lt, kinds, 'is_compensatory')} = %s "
        f"AND {col(lr, leave, 'status')} IN ({placeholders(counted)})"
    )
    used_params = [*ids, True, *counted]
    if until is not None:
        earned += f" AND {col(o, ot, 'date')} <= %s"
        used += f" AND {col(lr, leave, 'start_date')} <= %s"
        earned_params.append(_OVERTIME.value("date", until))
        used_params.append(_OVERTIME.value("date", until))
    sql = (
        f"{earned} GROUP BY {col(o, ot, 'user')} UNION ALL "  # noqa: S608 - names from the models
        f"{used} GROUP BY {col(lr, leave, 'user')}"
    )
    return sql, [*earned_params, *used_params]


def comp_minutes_and_days(ids, until):
    """({person: confirmed compensatory minutes earned}, {person: compensatory leave days
    taken or asked}) up to ``until`` (None: all), in one query.

    Enforces R2.3-leave-by-company-policy.
    """
    found = ({}, {})
    if not ids:
        return found
    sql, params = _comp_sql(ids, until)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    minutes = [(user, side, amount) for user, side, amount in rows if side == 0]
    days = _LEAVE.convert([(user, amount) for user, side, amount in rows if side == 1], (0, 1))
    for user_id, _side, amount in minutes:
        found[0][user_id] = int(amount or 0)
    for user_id, amount in days:
        found[1][user_id] = amount
    return found


def comp_balances(ids, until):
    """{person: days of compensatory leave left} up to ``until`` (None: all): confirmed
    minutes earned as days (one decimal), minus the days taken or asked, for every person of
    ``ids`` (one statement).

    Enforces R2.3-leave-by-company-policy.
    """
    earned, used = comp_minutes_and_days(ids, until)
    return {
        person: (Decimal(earned.get(person, 0)) / 60 / conf.HOURS_PER_DAY).quantize(Decimal("0.1"))
        - (used.get(person) or 0)
        for person in ids
    }


def legend():
    """(code, meaning) of every day code of the month grids (page, PDF and Excel)."""
    from django.utils.translation import gettext as _

    from attendance.choices import CORRECTED_MARK, STATUS_CODES

    found = [(str(code), DayStatus(status).label) for status, code in STATUS_CODES.items() if code]
    found.append((str(CORRECTED_MARK), _("Corrected (an approved missed-punch correction)")))
    return found


def leave_types():
    return list(LeaveType.objects.order_by("code"))


def header(types):
    """Column titles of the totals table (page, PDF and Excel share them)."""
    from django.utils.translation import gettext as _

    return [
        _("Employee number"),
        _("Name"),
        _("Department"),
        _("Days present"),
        _("Late"),
        _("Early leave"),
        _("Missing check-out"),
        _("Absent"),
        _("Corrected punches"),
        *[_("%(type)s (days)") % {"type": t.name} for t in types],
        _("Workday overtime (h)"),
        _("Rest-day overtime (h)"),
        _("Holiday overtime (h)"),
        _("Approved overtime not yet worked (h)"),
        _("Unapproved overtime (h)"),
        _("Compensatory leave balance (days)"),
    ]


def values(row, types):
    """The totals of one row, in the order of ``header`` (numbers stay numbers)."""
    return [*person_values(row.user), *figures(row, types)]


def person_values(user):
    """The first three columns of ``header``: who the row is (user with profile and
    department loaded)."""
    profile = user.profile
    return [profile.employee_no, display_name(user), profile.department.name]


def figures(row, types):
    """The month's figures of one row: the columns of ``header`` after the first three."""
    return [
        row.present_days,
        row.late_count,
        row.early_count,
        row.missing_out_count,
        row.absent_count,
        row.corrected_days,
        *[float(row.leave_days.get(t.pk, 0)) for t in types],
        float(row.overtime_hours(OvertimeKind.WORKDAY)),
        float(row.overtime_hours(OvertimeKind.REST_DAY)),
        float(row.overtime_hours(OvertimeKind.HOLIDAY)),
        float(row.pending_hours),
        float(hours(row.unapproved_minutes)),
        float(row.comp_balance),
    ]


def by_department(rows):
    """[(department, rows)] in department order."""
    groups = {}
    for row in rows:
        groups.setdefault(row.department.pk, (row.department, []))[1].append(row)
    return list(groups.values())
