"""Reminder kinds of attendance (registered with the shared mechanism in ``onsite.reminding``)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from attendance.choices import CorrectionStatus, LeaveStatus, OvertimeStatus
from attendance.conf import conf
from attendance.deciders import HR, NOBODY, Routes
from attendance.holidays import calendar_between, working_days_after
from attendance.models import CalendarYear, LeaveRequest, OvertimeRequest, PunchCorrection
from onsite import dates
from onsite.choices import Role
from onsite.models import StaffProfile
from onsite.names import display_name
from onsite.reminding import Due, register

User = get_user_model()


@register("holiday_calendar_provisional", every_seconds=86400, label=_("Provisional calendar"))
def provisional_calendar(now):
    """Next year has no official holiday data yet: warn HR weekly in its last days
    (``ATTENDANCE_PROVISIONAL_WARNING_DAYS``)."""
    today = dates.today(now)
    year = today.year + 1
    if (date(year, 1, 1) - today).days > conf.PROVISIONAL_WARNING_DAYS:
        return
    row, _created = CalendarYear.objects.get_or_create(year=year)
    if not row.provisional:
        return
    hr = list(User.objects.filter(groups__name=Role.HR, is_active=True).distinct())
    yield Due(
        obj=row,
        period=f"{today.isocalendar().year}-W{today.isocalendar().week:02d}",
        recipients=hr,
        title=_("The holiday calendar of %(year)s is still provisional"),
        body=_(
            "Import the official days if they are available, or enter the days of the "
            "State Council notice and confirm the year, before it starts."
        ),
        url=reverse("attendance:calendar") + f"?year={year}",
        params={"year": year},
    )


# --- Requests waiting for a decision -------------------------------------------------------
# (model, state waiting for a decision, when it began to wait, what the request is)
def _waiting_kinds():
    return [
        (OvertimeRequest, OvertimeStatus.SUBMITTED, "created_at", _("Overtime")),
        (OvertimeRequest, OvertimeStatus.SUPERVISOR_APPROVED, "supervisor_at", _("Overtime")),
        (LeaveRequest, LeaveStatus.SUBMITTED, "created_at", _("Leave")),
        (PunchCorrection, CorrectionStatus.SUBMITTED, "created_at", _("Missed-punch correction")),
    ]


@dataclass
class Waiting:
    request: object
    state: str
    what: str
    days: int  # working days waited
    deciders: list  # user ids who decide it now


def waiting_requests(now, at_least):
    """Requests that have waited ``at_least`` working days for their decision (a few queries
    whatever their number: one per kind of request, the calendar and the routes once)."""
    today = timezone.localdate(now)
    routes = Routes(today)
    hr = set(User.objects.filter(groups__name=Role.HR, is_active=True).values_list("pk", flat=True))
    rows = []
    for model, state, since, what in _waiting_kinds():
        old = model.objects.filter(
            status=state, **{f"{since}__lte": now - timedelta(days=at_least)}
        ).select_related("user__profile")
        rows.extend((row, state, timezone.localdate(getattr(row, since)), what) for row in old)
    if not rows:
        return []
    special = calendar_between(min(row[2] for row in rows), today)
    found = []
    for request, state, since, what in rows:
        days = working_days_after(since, today, special)
        if days < at_least:
            continue
        if state == OvertimeStatus.SUPERVISOR_APPROVED:
            deciders = sorted(hr - {request.user_id})
        else:
            route = routes.route(request.user_id, request.user.profile.department_id, hr)
            deciders = sorted(hr - {request.user_id}) if route.how == HR else _told(routes, route)
        found.append(Waiting(request, state, what, days, deciders))
    return found


def _told(routes, route):
    """The supervisors not away and the deputies of those who are."""
    return sorted({s for s in route.supervisor_ids if not routes.away(s)} | set(route.deputies))


def _people(ids):
    return list(User.objects.filter(pk__in=ids, is_active=True))


@register(
    "attendance_request_waiting", every_seconds=3600, label=_("Requests waiting for your decision")
)
def remind_deciders(now):
    """A request waiting ``ATTENDANCE_REMIND_AFTER_WORKING_DAYS`` working days reminds the
    people who decide it, once for each state it waits in.

    Enforces R2.3-overtime-supervisor-approval.
    """
    for item in waiting_requests(now, conf.REMIND_AFTER_WORKING_DAYS):
        yield Due(
            obj=item.request,
            period=item.state,
            recipients=_people(item.deciders),
            title=_("%(what)s of %(name)s has waited %(days)d working days for your decision"),
            url=item.request.get_absolute_url(),
            params={"what": item.what, "name": display_name(item.request.user), "days": item.days},
        )


def _managers(routes, decider_ids, hr, applicant_id, profiles):
    """The deciders' own managers (whoever decides their own requests), else HR."""
    found = set()
    for person in decider_ids:
        route = routes.route(person, profiles.get(person), hr)
        found |= set(route.supervisor_ids) if route.how not in (HR, NOBODY) else set()
    found -= set(decider_ids) | {applicant_id}
    return found or (hr - {applicant_id})


@register(
    "attendance_request_escalated",
    every_seconds=3600,
    label=_("Requests waiting too long in your departments"),
)
def escalate(now):
    """A request still waiting ``ATTENDANCE_ESCALATE_AFTER_WORKING_DAYS`` working days goes to
    the deciders' own manager (the supervisor above them), else HR — once per state.

    Enforces R2.3-overtime-supervisor-approval.
    """
    items = waiting_requests(now, conf.ESCALATE_AFTER_WORKING_DAYS)
    if not items:
        return
    routes = Routes(timezone.localdate(now))
    hr = set(User.objects.filter(groups__name=Role.HR, is_active=True).values_list("pk", flat=True))
    deciders = {person for item in items for person in item.deciders}
    profiles = dict(
        StaffProfile.objects.filter(user_id__in=deciders).values_list("user_id", "department_id")
    )
    names = {person.pk: display_name(person) for person in _people(deciders)}
    for item in items:
        managers = _managers(routes, item.deciders, hr, item.request.user_id, profiles)
        yield Due(
            obj=item.request,
            period=item.state,
            recipients=_people(managers),
            title=_("%(what)s of %(name)s has waited %(days)d working days for %(deciders)s"),
            url=item.request.get_absolute_url(),
            params={
                "what": item.what,
                "name": display_name(item.request.user),
                "days": item.days,
                "deciders": "、".join(names.get(p, "") for p in item.deciders) or _("nobody"),
            },
        )
