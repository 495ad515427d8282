"""Helpers shared by the meeting-room views: scoped fetches, refusals, lockdown states."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils.http import url_has_allowed_host_and_scheme

from meetingroom.choices import MeetingStatus
from meetingroom.conf import conf
from meetingroom.models import Meeting, settings_for
from onsite.models import Venue
from onsite.permissions import may, visible


def forbid_unless(user, action, obj=None):
    if not may(user, action, obj):
        raise PermissionDenied


def visible_venue(request, pk):
    return get_object_or_404(
        visible(request.user, Venue).select_related("site", "meeting_settings"), pk=pk
    )


def fetch(model, *related):
    """``fetch(request, pk)``: one row of ``model`` through ``visible()`` (404 out of scope)."""

    def get(request, pk):
        return get_object_or_404(visible(request.user, model).select_related(*related), pk=pk)

    return get


def safe_next(request, fallback):
    """The ``next`` the form came from, if it is a path of this site; else ``fallback``."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted.startswith("/") and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}
    ):
        return wanted
    return fallback


def lockdowns(venues, at):
    """{venue id: the meeting locking it down at ``at``} for many venues in one query."""
    venues = list(venues)
    if not venues:
        return {}
    figures = {v.pk: settings_for(v) for v in venues}
    reach = max(max(f.before, f.after) for f in figures.values()) + timedelta(minutes=1)
    meetings = (
        Meeting.objects.filter(
            venue__in=[v.pk for v in venues],
            status=MeetingStatus.SCHEDULED,
            starts_at__lte=at + reach,
            ends_at__gte=at - reach,
        )
        .filter(Q(classification__gte=conf.CLASSIFIED_LEVEL) | Q(important=True))
        .order_by("starts_at")
    )
    found = {}
    for meeting in meetings:
        figure = figures[meeting.venue_id]
        if meeting.starts_at - figure.before <= at <= meeting.ends_at + figure.after:
            found.setdefault(meeting.venue_id, meeting)
    return found


def next_meeting(venue, at):
    return (
        Meeting.objects.filter(venue=venue, status=MeetingStatus.SCHEDULED, ends_at__gte=at)
        .order_by("starts_at")
        .first()
    )
