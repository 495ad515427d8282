"""Helpers shared by the attendance views: scoped fetches and month navigation."""

from datetime import timedelta

from django.shortcuts import get_object_or_404
from django.utils import timezone

from attendance.models import LeaveRequest, OvertimeRequest
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
