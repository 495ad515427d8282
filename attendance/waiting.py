"""What attendance puts on a person's "Waiting for me" list (``onsite.waiting``).

Deciders see the requests they decide now (the same rows as the approval queue); everyone
sees their own requests still waiting, approved overtime whose hours they must confirm, and
today's check-in or check-out. Each provider runs one query (the decision routes are the
request's cached ``attendance.deciders.Routes``).
"""

from datetime import datetime, time

from django.db.models import Exists, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from attendance.choices import (
    OVERTIME_APPROVED,
    QUEUE_SECTIONS,
    CalendarKind,
    CorrectionStatus,
    LeaveStatus,
    OvertimeStatus,
)
from attendance.models import (
    AttendanceRecord,
    HolidayCalendarDay,
    LeaveRequest,
    OvertimeRequest,
    PunchCorrection,
    SiteDayOff,
    SiteSchedule,
)
from onsite import dates
from onsite.models import Assignment
from onsite.names import display_name
from onsite.permissions import may, visible
from onsite.waiting import Waiting, provider

_TITLES = {
    "overtime": lambda r: (
        _("Overtime of %(name)s on %(date)s")
        % {"name": display_name(r.user), "date": r.date.isoformat()}
    ),
    "leave": lambda r: (
        _("Leave of %(name)s from %(date)s")
        % {"name": display_name(r.user), "date": r.start_date.isoformat()}
    ),
    "correction": lambda r: (
        _("Missed punch of %(name)s on %(date)s")
        % {"name": display_name(r.user), "date": r.date.isoformat()}
    ),
}


def _decisions(section):
    """A provider of the requests of one queue section the person may decide now."""
    flow = section.workflow
    names = [name for name, _label in section.actions]
    since = "supervisor_at" if section.state == OvertimeStatus.SUPERVISOR_APPROVED else "created_at"

    def waiting_decisions(user, now):
        if not any(may(user, flow.transition(name).rule) for name in names):
            return []
        rows = (
            visible(user, flow.model)
            .filter(**{flow.field: section.state})
            .select_related("user__profile__department")
        )
        action = flow.transition(names[0]).label
        return [
            Waiting(
                _TITLES[section.what](row),
                row.get_absolute_url(),
                getattr(row, since) or row.created_at,
                str(action),
                row.user.profile.department.name,
            )
            for row in rows
            if any(flow.allows(user, row, name, now) for name in names)
        ]

    waiting_decisions.__name__ = f"waiting_{section.what}_{section.state}"
    return waiting_decisions


for _section in QUEUE_SECTIONS:
    provider(_decisions(_section))


@provider
def my_overtime(user, now):
    """One's own overtime waiting for a decision, or approved and over with hours to confirm."""
    if not hasattr(user, "profile"):
        return []
    waiting = [OvertimeStatus.SUBMITTED, OvertimeStatus.SUPERVISOR_APPROVED]
    rows = OvertimeRequest.objects.filter(user=user).filter(
        Q(status__in=waiting)
        | Q(status=OvertimeStatus.FILED, actual_minutes__isnull=True, date__lte=dates.today(now))
    )
    found = []
    for ot in rows:
        end = timezone.make_aware(datetime.combine(ot.date, ot.end_time))
        if ot.status in OVERTIME_APPROVED and ot.actual_minutes is None and end <= now:
            title = _("Confirm the hours of your overtime on %(date)s") % {"date": ot.date}
            url = reverse("attendance:overtime_hours", args=[ot.pk])
            found.append(Waiting(title, url, end, _("Confirm")))
        elif ot.status in waiting:
            found.append(_own(ot, _("Your overtime on %(date)s"), ot.date, ot.created_at))
    return found


def _own(row, title, day, since):
    return Waiting(
        title % {"date": day.isoformat()},
        row.get_absolute_url(),
        since,
        _("View"),
        row.get_status_display(),
    )


@provider
def my_leave(user, now):
    rows = LeaveRequest.objects.filter(user=user, status=LeaveStatus.SUBMITTED)
    return [_own(r, _("Your leave from %(date)s"), r.start_date, r.created_at) for r in rows]


@provider
def my_corrections(user, now):
    rows = PunchCorrection.objects.filter(user=user, status=CorrectionStatus.SUBMITTED)
    return [
        _own(r, _("Your missed-punch correction for %(date)s"), r.date, r.created_at) for r in rows
    ]


def _today_of(user, today):
    """Today's assignment with the site's schedule, the calendar, leave and the punches
    (one query)."""
    schedule = SiteSchedule.objects.filter(
        site=OuterRef("site_id"), valid_from__lte=today
    ).order_by("-valid_from")
    record = AttendanceRecord.objects.filter(user=user, date=today)
    return (
        Assignment.objects.filter(user=user, start_date__lte=today)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .select_related("site")
        .annotate(
            weekdays=Subquery(schedule.values("weekdays")[:1]),
            start=Subquery(schedule.values("start_time")[:1]),
            end=Subquery(schedule.values("end_time")[:1]),
            national=Subquery(schedule.values("follows_national_calendar")[:1]),
            special=Subquery(HolidayCalendarDay.objects.filter(date=today).values("kind")[:1]),
            closed=Exists(SiteDayOff.objects.filter(site=OuterRef("site_id"), date=today)),
            on_leave=Exists(
                LeaveRequest.objects.filter(
                    user=user,
                    status=LeaveStatus.APPROVED,
                    start_date__lte=today,
                    end_date__gte=today,
                )
            ),
            checked_in=Subquery(record.values("check_in_at")[:1]),
            checked_out=Subquery(record.values("check_out_at")[:1]),
        )
        .order_by("-start_date")
        .first()
    )


def _works_today(today_row, today):
    if today_row.closed or today_row.on_leave:
        return False
    follows = today_row.national is not False
    if follows and today_row.special in (CalendarKind.HOLIDAY, CalendarKind.BREAK):
        return False
    if follows and today_row.special == CalendarKind.MAKEUP:
        return True
    return str(today.isoweekday()) in (today_row.weekdays or "12345")


@provider
def todays_punch(user, now):
    """Today's check-in (until done) and check-out (from the end of work) at one's site."""
    if not hasattr(user, "profile"):
        return []
    today = timezone.localdate(now)
    row = _today_of(user, today)
    if row is None or not _works_today(row, today):
        return []
    url = reverse("attendance:today")

    def at(clock, default):
        return timezone.make_aware(datetime.combine(today, clock or default))

    if row.checked_in is None:
        start = at(row.start, time(9))
        title = _("Check in at %(site)s") % {"site": row.site.name}
        return [Waiting(title, url, start, _("Check in"), _("Not checked in yet"))]
    if row.checked_out is None:
        end = at(row.end, time(18))
        title = _("Check out at %(site)s") % {"site": row.site.name}
        detail = _("Checked in at %(time)s") % {
            "time": timezone.localtime(row.checked_in).strftime("%H:%M")
        }
        return [Waiting(title, url, end, _("Check out"), detail)]
    return []
