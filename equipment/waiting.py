"""What the equipment app puts on a person's "Waiting for me" list (``onsite.waiting``):
inspections due by today and faults still waiting for a response or a fix. One query each."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from equipment.choices import FaultStatus, InspectionStatus
from equipment.models import Fault, Inspection
from onsite.permissions import may, visible
from onsite.waiting import Waiting, provider


@provider
def inspections_due(user, now):
    if not may(user, "equipment.use"):
        return []
    today = timezone.localdate(now)
    rows = (
        visible(user, Inspection)
        .filter(status=InspectionStatus.DUE, plan__is_active=True, due_on__lte=today)
        .filter(Q(plan__assignee=user) | Q(plan__assignee__isnull=True))
        .select_related("plan__site", "plan__venue")
    )
    return [
        Waiting(str(row), row.get_absolute_url(), row.due_on, _("Record"), str(row.plan.site))
        for row in rows
    ]


@provider
def faults_to_work_on(user, now):
    if not may(user, "equipment.use"):
        return []
    rows = (
        visible(user, Fault)
        .filter(status__in=[FaultStatus.REPORTED, FaultStatus.RESPONDED])
        .select_related("equipment")
    )
    return [
        Waiting(
            str(fault),
            fault.get_absolute_url(),
            fault.client_reported_at,
            _("Respond") if fault.status == FaultStatus.REPORTED else _("Record the fix"),
            str(fault.equipment),
        )
        for fault in rows
    ]
