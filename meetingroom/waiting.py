"""What the meeting rooms put on a person's "Waiting for me" list (``onsite.waiting``):
visits to decide and exceptional admissions to confirm (leaders of the venue). One query."""

from django.utils.translation import gettext as _

from meetingroom.choices import VisitStatus
from meetingroom.models import Visit
from onsite.permissions import led_venue_ids
from onsite.waiting import Waiting, provider


@provider
def visits_to_decide(user, now):
    venues = led_venue_ids(user)
    if not venues:
        return []
    rows = (
        Visit.objects.filter(
            venue_id__in=venues, status__in=[VisitStatus.FILED, VisitStatus.ADMITTED]
        )
        .exclude(filed_by=user)
        .select_related("venue__site")
    )
    return [
        Waiting(
            str(visit),
            visit.get_absolute_url(),
            visit.filed_at,
            _("Decide") if visit.status == VisitStatus.FILED else _("Confirm the admission"),
            str(visit.venue),
        )
        for visit in rows
    ]
