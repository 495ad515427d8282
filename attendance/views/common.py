"""Helpers shared by the attendance views: scoped fetches, month navigation, and who
decides a person's requests (said before they submit one)."""

from datetime import timedelta

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from attendance import deciders
from attendance.models import LeaveRequest, OvertimeRequest
from onsite.models import Department
from onsite.names import display_name
from onsite.permissions import visible


def visible_overtime(request, pk):
    return get_object_or_404(
        visible(request.user, OvertimeRequest).select_related(
            "user__profile__department", "site", "supervisor_by", "hr_by", "actual_confirmed_by"
        ),
        pk=pk,
    )


def visible_leave(request, pk):
    return get_object_or_404(
        visible(request.user, LeaveRequest).select_related(
            "user__profile__department", "leave_type", "decided_by"
        ),
        pk=pk,
    )


def month_nav(first):
    """The month shown (its first day) and its neighbours, as ``?month=`` values."""
    previous = first - timedelta(days=1)
    following = first + timedelta(days=32)
    return {
        "month_value": f"{first:%Y-%m}",
        "previous_month": f"{previous:%Y-%m}",
        "next_month": f"{following:%Y-%m}",
        "month_start": first,
    }


def year_of(request):
    """``?year=`` between 2000 and 2100; this year when missing or not a number."""
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    return min(max(year, 2000), 2100)


def decider_notice(user):
    """What the request form says before a person submits: who will decide, and a warning
    where no supervisor is configured (HR decides) or nobody at all can."""
    route, people = deciders.people_to_tell(user)
    names = "、".join(display_name(person) for person in people)
    if route.how == deciders.SUPERVISOR:
        return {"level": "info", "text": _("Your request goes to %(names)s.") % {"names": names}}
    if route.how == deciders.PARENT:
        department = Department.objects.filter(pk=route.department_id).first()
        text = _(
            "Your department has no supervisor of its own: %(names)s, of %(department)s, "
            "decides your request."
        ) % {"names": names, "department": department}
        return {"level": "warning", "text": text}
    if route.how == deciders.HR:
        text = _("Your department has no supervisor: HR (%(names)s) decides your request.") % {
            "names": names
        }
        return {"level": "warning", "text": text}
    text = _(
        "Nobody can decide your requests yet: your department has no supervisor and there "
        "is nobody else in HR. Ask the administrator to name a supervisor."
    )
    return {"level": "danger", "text": text, "blocked": True}


def sent_to(user):
    """The message after submitting: whom the request went to."""
    people = deciders.people_to_tell(user)[1]
    names = "、".join(display_name(person) for person in people)
    return _("Your request was sent to %(names)s.") % {"names": names}


def flagged_departments(user, routes=None):
    """For HR: departments with staff that no supervisor decides for (HR does); ``routes``:
    the day's decision routes when the page has read them already."""
    from onsite.choices import Role
    from onsite.permissions import has_role

    if not has_role(user, Role.HR):
        return []
    return deciders.undecided_departments(routes)
