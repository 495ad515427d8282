"""A person's due work as an iCalendar feed (RFC 5545, the icalendar package).

The feed is read by calendar clients without a session, so its URL carries a random token;
renewing the link revokes the old one, revoking removes it. What the feed shows is what the
person sees in the portal now: their open inspections (and those of the plans nobody in
particular does at their sites), and the occurrences the plans will bring in the next
``EQUIPMENT_FEED_DAYS`` days.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from equipment import recurrence
from equipment.choices import InspectionStatus
from equipment.conf import conf
from equipment.models import CalendarFeed, Inspection, new_feed_token
from onsite import audit
from onsite.permissions import visible

MAX_PER_PLAN = 60


def renew(user):
    """A new link for ``user``; the old one stops working."""
    with transaction.atomic():
        feed, created = CalendarFeed.objects.get_or_create(user=user)
        if not created:
            feed.token = new_feed_token()
            feed.created_at = timezone.now()
            feed.save(update_fields=["token", "created_at"])
        audit.record(user, "equipment.feed.renew", feed)
    return feed


def revoke(user):
    """Remove ``user``'s link; True if there was one."""
    with transaction.atomic():
        deleted = CalendarFeed.objects.filter(user=user).delete()[0]
        if deleted:
            audit.record(user, "equipment.feed.revoke", user)
    return bool(deleted)


def _event(uid, day, summary, description, url, stamp):
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("url", url)
    return event


def feed_bytes(user, base_url, now=None):
    """The calendar of ``user``'s due work as .ics bytes (links made absolute with ``base_url``)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    until = today + timedelta(days=conf.FEED_DAYS)
    rows = (
        visible(user, Inspection)
        .filter(status=InspectionStatus.DUE, plan__is_active=True, due_on__lte=until)
        .filter(Q(plan__assignee=user) | Q(plan__assignee__isnull=True))
        .select_related("plan__site", "plan__venue")
        .order_by("due_on", "pk")
    )
    calendar = Calendar()
    calendar.add("prodid", "-//OnSite//equipment//ZH")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "OnSite")
    holidays = recurrence.holiday_calendar(today, until)
    for inspection in rows:
        plan = inspection.plan
        place = plan.site.name + (f" · {plan.venue.name}" if plan.venue_id else "")
        url = base_url + reverse("equipment:inspection_record", args=[inspection.pk])
        calendar.add_component(
            _event(
                f"inspection-{inspection.pk}@onsite", inspection.due_on, plan.title, place, url, now
            )
        )
        scheduled = inspection.scheduled_on
        if plan.count_from != "schedule":
            continue
        for _n in range(MAX_PER_PLAN):
            scheduled = recurrence.next_scheduled(plan, scheduled)
            if scheduled is None or scheduled > until:
                break
            due = recurrence.due_date(plan, scheduled, holidays)
            calendar.add_component(
                _event(
                    f"plan-{plan.pk}-{scheduled.isoformat()}@onsite",
                    due,
                    plan.title,
                    place,
                    base_url + plan.get_absolute_url(),
                    now,
                )
            )
    return calendar.to_ical()
