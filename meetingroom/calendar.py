"""A venue's meetings as an iCalendar feed (RFC 5545, the ``icalendar`` library)."""

from datetime import timedelta

from django.utils import timezone
from icalendar import Calendar, Event

from meetingroom.choices import MeetingStatus
from meetingroom.models import Meeting

FEED_DAYS_BACK = 30
FEED_DAYS_AHEAD = 365


def venue_calendar(venue, base_url, now=None):
    """The bytes of the feed: meetings from a month back to a year ahead, cancelled ones
    marked CANCELLED so subscribed calendars drop them."""
    now = now or timezone.now()
    calendar = Calendar()
    calendar.add("prodid", "-//OnSite//meetingroom//ZH")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", str(venue))
    meetings = Meeting.objects.filter(
        venue=venue,
        ends_at__gte=now - timedelta(days=FEED_DAYS_BACK),
        starts_at__lte=now + timedelta(days=FEED_DAYS_AHEAD),
    ).order_by("starts_at")
    for meeting in meetings:
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@onsite")
        event.add("summary", meeting.title)
        event.add("dtstart", meeting.starts_at)
        event.add("dtend", meeting.ends_at)
        event.add("dtstamp", meeting.created_at)
        event.add("location", venue.name)
        event.add("description", f"{meeting.organiser} · {meeting.classification_label}")
        event.add("url", base_url.rstrip("/") + meeting.get_absolute_url())
        event.add(
            "status", "CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED"
        )
        calendar.add_component(event)
    return calendar.to_ical()
