"""Menu entry and home panel of the meeting rooms."""

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

import meetingroom.waiting  # noqa: F401  (registers its "Waiting for me" providers)
from meetingroom.choices import VisitStatus
from meetingroom.models import Visit
from meetingroom.services import has_valid_pledge
from onsite.home import panel
from onsite.models import Venue
from onsite.navigation import NavItem, add
from onsite.permissions import led_venue_ids, may, visible

add(NavItem(_("Meeting rooms"), "meetingroom:index", "door-open", rule="meetingroom.use", order=40))


@panel("meetingroom/home_panel.html", order=40)
def home_panel(request):
    """My venues with who is inside, visits waiting for me, and my pledge's state."""
    user = request.user
    if not may(user, "meetingroom.use"):
        return None
    venues = (
        visible(user, Venue)
        .select_related("site")
        .annotate(inside=Count("access_log", filter=Q(access_log__exited_at__isnull=True)))
        .order_by("site__code", "name")[:6]
    )
    waiting = Visit.objects.filter(
        venue_id__in=led_venue_ids(user),
        status__in=[VisitStatus.FILED, VisitStatus.ADMITTED],
    ).count()
    return {
        "venues": venues,
        "waiting": waiting,
        "pledge_valid": has_valid_pledge(user, timezone.localdate()),
        "signs": may(user, "meetingroom.sign_pledge"),
    }
