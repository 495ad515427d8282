"""Constants of the equipment app: kinds, states, recurrences and the workflows."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from onsite.audit import register_labels
from onsite.workflow import INITIAL, Transition, Workflow


class EquipmentKind(models.TextChoices):
    COMPUTER = "computer", _("Computer")
    SERVER = "server", _("Server")
    NETWORK = "network", _("Network device")
    AV = "av", _("A/V equipment")
    DISPLAY = "display", _("Display")
    OTHER = "other", _("Other")


class EquipmentStatus(models.TextChoices):
    IN_SERVICE = "in_service", _("In service")
    RETIRED = "retired", _("Retired")


class AttachmentKind(models.TextChoices):
    INSTALLATION = "installation", _("Installation record")
    BACKUP = "backup", _("Configuration backup")
    MANUAL = "manual", _("Manual or document")
    OTHER = "other", _("Other")


class PlanKind(models.TextChoices):
    INSPECTION = "inspection", _("Inspection")
    MAINTENANCE = "maintenance", _("Maintenance")
    BACKUP = "backup", _("Backup")
    ANTIVIRUS = "antivirus", _("Antivirus")


class Frequency(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    YEARLY = "yearly", _("Yearly")
    RRULE = "rrule", _("Custom rule (RRULE)")


class CountFrom(models.TextChoices):
    SCHEDULE = "schedule", _("The schedule")
    LAST_DONE = "last_done", _("The last time it was done")


class HolidayShift(models.TextChoices):
    NONE = "none", _("Keep the date")
    LATER = "later", _("Move to the next working day")
    EARLIER = "earlier", _("Move to the working day before")


class Outcome(models.TextChoices):
    PASS = "pass", _("Passed")
    FAIL = "fail", pgettext_lazy("inspection", "Failed")
    NA = "na", _("Not applicable")


# The checklist of an antivirus plan: the same three checks on each computer.
ANTIVIRUS_CHECKS = [_("Signatures updated"), _("Full scan done"), _("No threats found")]


class InspectionStatus(models.TextChoices):
    DUE = "due", _("Due")
    DONE = "done", _("Done")
    MISSED = "missed", _("Missed")


class FaultStatus(models.TextChoices):
    REPORTED = "reported", _("Reported")
    RESPONDED = "responded", _("Responded")
    FIXED = "fixed", _("Fixed")
    CLOSED = "closed", pgettext_lazy("fault", "Closed")


OPEN_FAULT_STATES = (FaultStatus.REPORTED, FaultStatus.RESPONDED)


class Punctuality(models.TextChoices):
    """How an inspection of a month stands in the compliance figures."""

    ON_TIME = "on_time", _("On time")
    LATE = "late", _("Late")
    MISSED = "missed", _("Missed")
    OPEN = "open", _("Still open")


EQUIPMENT = Workflow(
    "equipment.equipment",
    "equipment.Equipment",
    parent="site",  # a site before its equipment
    url_name="equipment:equipment_action",
    labels=dict(EquipmentStatus.choices),
    tones={EquipmentStatus.IN_SERVICE: "approved", EquipmentStatus.RETIRED: "cancelled"},
    transitions=[
        Transition(
            "register",
            source=[INITIAL],
            target=EquipmentStatus.IN_SERVICE,
            rule="equipment.register_equipment",
        ),
        Transition(
            "retire",
            source=[EquipmentStatus.IN_SERVICE],
            target=EquipmentStatus.RETIRED,
            rule="equipment.retire_equipment",
            label=_("Retire"),
            title=_("Retire the equipment"),
            question=_("It leaves the plans' checklists; its records stay."),
            comment_required=True,
            danger=True,
            stamp=("retired_by", "retired_at"),
        ),
        Transition(
            "reinstate",
            source=[EquipmentStatus.RETIRED],
            target=EquipmentStatus.IN_SERVICE,
            rule="equipment.retire_equipment",
            label=_("Put back in service"),
            title=_("Put the equipment back in service"),
        ),
    ],
)

INSPECTION = Workflow(
    "equipment.inspection",
    "equipment.Inspection",
    parent="plan",  # a plan before its inspections
    url_name="equipment:inspection_action",
    labels=dict(InspectionStatus.choices),
    tones={
        InspectionStatus.DUE: "waiting",
        InspectionStatus.DONE: "done",
        InspectionStatus.MISSED: "rejected",
    },
    transitions=[
        Transition(
            "schedule",
            source=[INITIAL],
            target=InspectionStatus.DUE,
            rule="equipment.schedule_inspection",
        ),
        Transition(
            "lapse",
            source=[INITIAL],
            target=InspectionStatus.MISSED,
            rule="equipment.schedule_inspection",
        ),
        Transition(
            "record",
            source=[InspectionStatus.DUE],
            target=InspectionStatus.DONE,
            rule="equipment.record_inspection",
            label=_("Record"),
            stamp=("done_by", "done_at"),
            comment_field="note",
            url_name="equipment:inspection_record",
        ),
        Transition(
            "miss",
            source=[InspectionStatus.DUE],
            target=InspectionStatus.MISSED,
            rule="equipment.miss_inspection",
            label=_("Mark missed"),
            title=_("Mark the inspection missed"),
            question=_("Say why it was not done; the next one is scheduled."),
            comment_required=True,
            danger=True,
            stamp=("done_by", "done_at"),
            comment_field="note",
        ),
    ],
)

FAULT = Workflow(
    "equipment.fault",
    "equipment.Fault",
    parent="equipment",  # equipment before its faults
    url_name="equipment:fault_action",
    labels=dict(FaultStatus.choices),
    tones={
        FaultStatus.REPORTED: "waiting",
        FaultStatus.RESPONDED: "approved",
        FaultStatus.FIXED: "done",
        FaultStatus.CLOSED: "done",
    },
    transitions=[
        Transition(
            "report", source=[INITIAL], target=FaultStatus.REPORTED, rule="equipment.report_fault"
        ),
        Transition(
            "respond",
            source=[FaultStatus.REPORTED],
            target=FaultStatus.RESPONDED,
            rule="equipment.work_on_fault",
            label=_("Responded"),
            title=_("Record the response"),
            question=_("You are on it now: the response time is taken."),
        ),
        Transition(
            "fix",
            source=[FaultStatus.RESPONDED],
            target=FaultStatus.FIXED,
            rule="equipment.work_on_fault",
            label=_("Fixed"),
            title=_("Record the fix"),
            question=_("Describe what was done."),
            comment_required=True,
            comment_field="work_done",
        ),
        Transition(
            "close",
            source=[FaultStatus.FIXED],
            target=FaultStatus.CLOSED,
            rule="equipment.close_fault",
            label=_("Close"),
            title=_("Close the fault"),
            question=_("The client confirmed the equipment works."),
            stamp=("closed_by", "closed_at"),
        ),
    ],
)

register_labels(
    {
        "equipment.equipment.register": _("Equipment registered"),
        "equipment.equipment.edit": _("Record changed"),
        "equipment.equipment.import": _("Imported"),
        "equipment.equipment.retire": _("Retired"),
        "equipment.equipment.reinstate": _("Put back in service"),
        "equipment.attachment.upload": _("File uploaded"),
        "equipment.attachment.download": _("File downloaded"),
        "equipment.attachment.checksum_mismatch": _("Checksum mismatch: download refused"),
        "equipment.plan.save": _("Plan saved"),
        "equipment.inspection.schedule": _("Inspection scheduled"),
        "equipment.inspection.lapse": _("Occurrence passed without an inspection"),
        "equipment.inspection.record": _("Inspection recorded"),
        "equipment.inspection.miss": _("Inspection marked missed"),
        "equipment.fault.report": _("Fault reported"),
        "equipment.fault.respond": _("Response recorded"),
        "equipment.fault.fix": _("Fix recorded"),
        "equipment.fault.close": _("Fault closed"),
        "equipment.feed.renew": _("Calendar link renewed"),
        "equipment.feed.revoke": _("Calendar link revoked"),
    }
)
