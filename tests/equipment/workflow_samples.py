"""Objects in a given state of each workflow of the equipment app (tests/test_workflows.py).

Everything is at cast.site, in cast.venue: staff (assigned there), the supervisor (of staff's
department), the manager (of the venue) and the admin see it.
"""

from datetime import timedelta

from django.utils import timezone

from equipment.models import Fault, Inspection


def _device(cast, **fields):
    from tests.equipment.factories import EquipmentFactory

    return EquipmentFactory(site=cast.site, venue=cast.venue, **fields)


def equipment(cast, state):
    """A device of cast.venue in ``state`` (in_service or retired)."""
    return _device(cast, status=state)


def inspection(cast, state):
    """An inspection of a monthly plan over two devices of cast.venue, in ``state``."""
    from tests.equipment.factories import make_plan

    plan = make_plan(
        cast.admin, [_device(cast), _device(cast)], venue=cast.venue, starts_on=timezone.localdate()
    )
    found = Inspection.objects.get(plan=plan)
    if state != found.status:
        Inspection.objects.filter(pk=found.pk).update(status=state)
        found.refresh_from_db()
    return found


def fault(cast, state):
    """A fault of a device of cast.venue reported by staff half an hour ago, in ``state``."""
    now = timezone.now()
    fields = {}
    if state in ("responded", "fixed", "closed"):
        fields.update(responded_by=cast.staff, responded_at=now - timedelta(minutes=20))
    if state in ("fixed", "closed"):
        fields.update(fixed_by=cast.staff, fixed_at=now - timedelta(minutes=5), work_done="换线")
    return Fault.objects.create(
        equipment=_device(cast),
        title="无声音",
        client_reported_at=now - timedelta(minutes=30),
        reported_by=cast.staff,
        status=state,
        **fields,
    )


def _passing_lines(cast, obj):
    from tests.equipment.helpers import lines_for

    return {"lines": lines_for(obj)}


SAMPLES = {
    "equipment.equipment": equipment,
    "equipment.inspection": inspection,
    "equipment.fault": fault,
}

ARGUMENTS = {("equipment.inspection", "record"): _passing_lines}
