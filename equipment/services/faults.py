"""Faults: reported by staff or opened by a failed check, responded to, fixed, closed.

The times that count (the client's report, the response, the fix) are recorded as they
happened: a person may give an earlier time than now, never a later one.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from equipment.choices import FAULT
from equipment.models import Equipment, Fault
from equipment.services.people import supervisors_of
from onsite.names import display_name
from onsite.notifications import notify
from onsite.workflow import WorkflowError

CLOCK_SLACK = timedelta(minutes=5)  # a phone's clock a little ahead is not "the future"


def _when(at, now, earliest=None):
    at = at or now
    if at > now + CLOCK_SLACK:
        raise WorkflowError(_("The time cannot be in the future."))
    if earliest is not None and at < earliest:
        raise WorkflowError(_("The time cannot be before the client reported the fault."))
    return at


def _tell(fault, title, body=""):
    equipment = fault.equipment
    recipients = supervisors_of(equipment.site_id)
    if equipment.responsible_id:
        recipients = [equipment.responsible, *recipients]
    notify(
        recipients,
        title,
        body,
        reverse("equipment:fault_detail", args=[fault.pk]),
        {
            "fault": fault.reference,
            "title": fault.title,
            "equipment": str(equipment),
            "who": display_name(fault.reported_by),
        },
    )


def report_fault(
    actor, equipment, *, title, client_reported_at=None, description="", result=None, now=None
):
    """Record a fault of a device; the responsible person and the site's supervisors are told.

    Enforces R1-fault-immediate-follow-up, R1-equipment-records.
    """
    now = now or timezone.now()
    reported = _when(client_reported_at, now)

    def build():
        return Fault(
            equipment=equipment,
            title=title[:200],
            description=description,
            client_reported_at=reported,
            reported_by=actor,
            reported_at=now,
            result=result,
        )

    return FAULT.create(
        actor,
        "report",
        context=equipment,
        lock_first=[(Equipment, equipment.pk)],
        build=build,
        comment=title,
        notify=lambda fault: _tell(
            fault,
            gettext_lazy("Fault %(fault)s at %(equipment)s: %(title)s"),
            gettext_lazy("Reported by %(who)s. Respond at once."),
        ),
    )


def open_fault_for(actor, result, now):
    """A failed check of an inspection opens a fault of its device (same transaction)."""
    title = _("Failed check: %(check)s") % {"check": result.check_name}
    return report_fault(
        actor,
        result.equipment,
        title=title,
        client_reported_at=now,
        description=result.note,
        result=result,
        now=now,
    )


@FAULT.implements("respond")
def respond_to_fault(actor, fault, comment="", at=None, now=None):
    """Someone is on it: the response time is recorded (now, or the earlier time given).

    Enforces R1-fault-immediate-follow-up.
    """
    now = now or timezone.now()

    def stamp(fault):
        fault.responded_by = actor
        fault.responded_at = _when(at, now, fault.client_reported_at)
        return ["responded_by", "responded_at"]

    return FAULT.run(actor, fault, "respond", comment=comment, change=stamp, now=now)


@FAULT.implements("fix")
def fix_fault(actor, fault, comment="", at=None, now=None):
    """The fault is fixed: what was done and when.

    Enforces R2.1-faults-cleared-quickly.
    """
    now = now or timezone.now()

    def stamp(fault):
        fault.fixed_by = actor
        fault.fixed_at = _when(at, now, fault.responded_at or fault.client_reported_at)
        return ["fixed_by", "fixed_at"]

    return FAULT.run(
        actor,
        fault,
        "fix",
        comment=comment,
        change=stamp,
        now=now,
        notify=lambda fault: _tell(fault, gettext_lazy("Fault %(fault)s fixed: %(title)s")),
    )


@FAULT.implements("close")
def close_fault(actor, fault, comment=""):
    """Enforces R2.1-faults-cleared-quickly."""
    return FAULT.run(actor, fault, "close", comment=comment)
