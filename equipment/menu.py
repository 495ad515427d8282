"""Menu entry and home panel of the equipment app."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

import equipment.waiting  # noqa: F401  (registers its "Waiting for me" providers)
from equipment.choices import OPEN_FAULT_STATES, InspectionStatus
from equipment.models import Fault, Inspection
from onsite.home import panel
from onsite.navigation import NavItem, add
from onsite.permissions import may, visible

add(NavItem(_("Equipment"), "equipment:due_list", "tools", rule="equipment.use", order=60))

PANEL_ROWS = 8


@panel("equipment/home_panel.html", order=60)
def due_today(request):
    """The person's inspections due today or overdue, and the open faults they can see."""
    user = request.user
    if not may(user, "equipment.use"):
        return None
    today = timezone.localdate()
    due = (
        visible(user, Inspection)
        .filter(status=InspectionStatus.DUE, plan__is_active=True, due_on__lte=today)
        .filter(Q(plan__assignee=user) | Q(plan__assignee__isnull=True))
        .select_related("plan__site", "plan__venue")
        .order_by("due_on", "pk")
    )
    rows = list(due[: PANEL_ROWS + 1])
    if not rows and not visible(user, Fault).filter(status__in=OPEN_FAULT_STATES).exists():
        return None
    return {
        "rows": rows[:PANEL_ROWS],
        "more": len(rows) > PANEL_ROWS,
        "today": today,
        "open_faults": visible(user, Fault).filter(status__in=OPEN_FAULT_STATES).count(),
    }
