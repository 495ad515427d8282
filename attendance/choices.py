"""Constants of attendance: day kinds, statuses and the allowed transitions of each workflow."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from onsite.audit import register_labels
from onsite.workflow import INITIAL, Transition, Workflow


class CalendarKind(models.TextChoices):
    """What the national holiday calendar says about one date (only special dates are rows)."""

    HOLIDAY = "holiday", _("Statutory holiday")
    BREAK = "break", _("Holiday break (day off in lieu)")
    MAKEUP = "makeup", _("Make-up working day")


class CalendarSource(models.TextChoices):
    PACKAGE = "package", _("Official calendar")
    HR = "hr", _("Entered by HR")


class DayKind(models.TextChoices):
    """What one date is for one person at the site of that day's assignment."""

    WORKDAY = "workday", _("Working day")
    MAKEUP = "makeup", _("Make-up working day")
    REST = "rest", _("Rest day")
    HOLIDAY = "holiday", _("Statutory holiday")
    BREAK = "break", _("Holiday break")
    CLIENT_OFF = "client_off", _("Client day off")
    UNASSIGNED = "unassigned", _("No assignment")

    @classmethod
    def working(cls):
        return _WORKING


_WORKING = frozenset({DayKind.WORKDAY, DayKind.MAKEUP})


class DayStatus(models.TextChoices):
    """The derived attendance status of one day (never typed by anyone)."""

    PRESENT = "present", _("Present")
    LATE = "late", _("Late")
    EARLY = "early", _("Early leave")
    LATE_EARLY = "late_early", _("Late and early leave")
    MISSING_OUT = "missing_out", _("Missing check-out")
    CHECKED_IN = "checked_in", _("Checked in")
    ABSENT = "absent", _("Absent")
    LEAVE = "leave", _("Leave")
    REST = "rest", _("Rest day")
    HOLIDAY = "holiday", _("Holiday")
    OVERTIME = "overtime", _("Overtime")
    UNAPPROVED_OVERTIME = "unapproved_ot", _("Unapproved overtime")
    UPCOMING = "upcoming", _("Upcoming")
    UNASSIGNED = "unassigned", _("No assignment")


# One or two characters per status for month grids (screen, PDF and Excel).
STATUS_CODES = {
    DayStatus.PRESENT: "✓",
    DayStatus.LATE: pgettext_lazy("day code", "L"),
    DayStatus.EARLY: pgettext_lazy("day code", "E"),
    DayStatus.LATE_EARLY: pgettext_lazy("day code", "LE"),
    DayStatus.MISSING_OUT: pgettext_lazy("day code", "M"),
    DayStatus.CHECKED_IN: pgettext_lazy("day code", "In"),
    DayStatus.ABSENT: pgettext_lazy("day code", "A"),
    DayStatus.LEAVE: pgettext_lazy("day code", "Lv"),
    DayStatus.REST: pgettext_lazy("day code", "R"),
    DayStatus.HOLIDAY: pgettext_lazy("day code", "H"),
    DayStatus.OVERTIME: pgettext_lazy("day code", "OT"),
    DayStatus.UNAPPROVED_OVERTIME: pgettext_lazy("day code", "OT?"),
    DayStatus.UPCOMING: "",
    DayStatus.UNASSIGNED: "–",
}
# Added to the code of a day derived with an approved missed-punch correction (补卡).
CORRECTED_MARK = pgettext_lazy("day code", "*")


class OvertimeKind(models.TextChoices):
    """Classification by the holiday calendar (PRC Labour Law art. 44)."""

    WORKDAY = "workday", _("Workday extension (150%)")
    REST_DAY = "rest_day", _("Rest day (200%)")
    HOLIDAY = "holiday", _("Statutory holiday (300%)")


PAY_RATES = {OvertimeKind.WORKDAY: 150, OvertimeKind.REST_DAY: 200, OvertimeKind.HOLIDAY: 300}


class Compensation(models.TextChoices):
    PAY = "pay", _("Overtime pay")
    LEAVE = "leave", _("Compensatory leave (调休)")


class OvertimeStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for the supervisor")
    SUPERVISOR_APPROVED = "supervisor_approved", _("Waiting for HR")
    FILED = "filed", _("Approved and filed by HR")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")


OVERTIME_APPROVED = {OvertimeStatus.SUPERVISOR_APPROVED, OvertimeStatus.FILED}

_DECIDED_BY_SUPERVISOR = {"stamp": ("supervisor_by", "supervisor_at")}
_DECIDED_BY_HR = {"stamp": ("hr_by", "hr_at")}

OVERTIME_FLOW = Workflow(
    "attendance.overtime",
    "attendance.OvertimeRequest",
    url_name="attendance:overtime_action",
    labels=dict(OvertimeStatus.choices),
    tones={
        OvertimeStatus.SUBMITTED: "waiting",
        OvertimeStatus.SUPERVISOR_APPROVED: "approved",
        OvertimeStatus.FILED: "done",
        OvertimeStatus.REJECTED: "rejected",
        OvertimeStatus.CANCELLED: "cancelled",
    },
    transitions=[
        Transition(
            "submit",
            source=[INITIAL],
            target=OvertimeStatus.SUBMITTED,
            rule="attendance.use",
        ),
        Transition(
            "approve",
            source=[OvertimeStatus.SUBMITTED],
            target=OvertimeStatus.SUPERVISOR_APPROVED,
            rule="attendance.approve_overtime",
            label=_("Approve"),
            title=_("Approve overtime"),
            comment_field="decision_comment",
            **_DECIDED_BY_SUPERVISOR,
        ),
        Transition(
            "reject",
            source=[OvertimeStatus.SUBMITTED],
            target=OvertimeStatus.REJECTED,
            rule="attendance.approve_overtime",
            label=_("Reject"),
            title=_("Reject overtime"),
            comment_required=True,
            danger=True,
            comment_field="decision_comment",
            **_DECIDED_BY_SUPERVISOR,
        ),
        Transition(
            "file",
            source=[OvertimeStatus.SUPERVISOR_APPROVED],
            target=OvertimeStatus.FILED,
            rule="attendance.file_overtime",
            label=_("Approve and file"),
            title=_("Approve and file overtime"),
            comment_field="decision_comment",
            **_DECIDED_BY_HR,
        ),
        Transition(
            "hr_reject",
            source=[OvertimeStatus.SUPERVISOR_APPROVED],
            target=OvertimeStatus.REJECTED,
            rule="attendance.file_overtime",
            label=_("Reject"),
            title=_("Reject overtime"),
            comment_required=True,
            danger=True,
            comment_field="decision_comment",
            **_DECIDED_BY_HR,
        ),
        Transition(
            "cancel",
            source=[OvertimeStatus.SUBMITTED, OvertimeStatus.SUPERVISOR_APPROVED],
            target=OvertimeStatus.CANCELLED,
            rule="attendance.cancel_request",
            label=_("Withdraw"),
            title=_("Withdraw the overtime request"),
            danger=True,
        ),
    ],
)


class LeaveStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for the supervisor")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")


# Leave that holds days of the allowance (pending requests reserve them).
LEAVE_COUNTED = {LeaveStatus.SUBMITTED, LeaveStatus.APPROVED}

LEAVE_FLOW = Workflow(
    "attendance.leave",
    "attendance.LeaveRequest",
    url_name="attendance:leave_action",
    labels=dict(LeaveStatus.choices),
    tones={
        LeaveStatus.SUBMITTED: "waiting",
        LeaveStatus.APPROVED: "approved",
        LeaveStatus.REJECTED: "rejected",
        LeaveStatus.CANCELLED: "cancelled",
    },
    transitions=[
        Transition("submit", source=[INITIAL], target=LeaveStatus.SUBMITTED, rule="attendance.use"),
        Transition(
            "approve",
            source=[LeaveStatus.SUBMITTED],
            target=LeaveStatus.APPROVED,
            rule="attendance.decide_leave",
            label=_("Approve"),
            title=_("Approve leave"),
            stamp=("decided_by", "decided_at"),
            comment_field="decision_comment",
        ),
        Transition(
            "reject",
            source=[LeaveStatus.SUBMITTED],
            target=LeaveStatus.REJECTED,
            rule="attendance.decide_leave",
            label=_("Reject"),
            title=_("Reject leave"),
            comment_required=True,
            danger=True,
            stamp=("decided_by", "decided_at"),
            comment_field="decision_comment",
        ),
        Transition(
            "cancel",
            source=[LeaveStatus.SUBMITTED, LeaveStatus.APPROVED],
            target=LeaveStatus.CANCELLED,
            rule="attendance.cancel_request",
            label=_("Withdraw"),
            title=_("Withdraw the leave request"),
            danger=True,
        ),
    ],
)


class PunchKind(models.TextChoices):
    CHECK_IN = "check_in", _("Check-in")
    CHECK_OUT = "check_out", _("Check-out")


class CorrectionStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for the supervisor")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")


# Corrections that count against the month's limit and block a second one for the same punch.
CORRECTION_ACTIVE = {CorrectionStatus.SUBMITTED, CorrectionStatus.APPROVED}

CORRECTION_FLOW = Workflow(
    "attendance.correction",
    "attendance.PunchCorrection",
    url_name="attendance:correction_action",
    labels=dict(CorrectionStatus.choices),
    tones={
        CorrectionStatus.SUBMITTED: "waiting",
        CorrectionStatus.APPROVED: "approved",
        CorrectionStatus.REJECTED: "rejected",
        CorrectionStatus.CANCELLED: "cancelled",
    },
    transitions=[
        Transition(
            "submit", source=[INITIAL], target=CorrectionStatus.SUBMITTED, rule="attendance.use"
        ),
        Transition(
            "approve",
            source=[CorrectionStatus.SUBMITTED],
            target=CorrectionStatus.APPROVED,
            rule="attendance.decide_correction",
            label=_("Approve"),
            title=_("Approve the missed-punch correction"),
            stamp=("decided_by", "decided_at"),
            comment_field="decision_comment",
        ),
        Transition(
            "reject",
            source=[CorrectionStatus.SUBMITTED],
            target=CorrectionStatus.REJECTED,
            rule="attendance.decide_correction",
            label=_("Reject"),
            title=_("Reject the missed-punch correction"),
            comment_required=True,
            danger=True,
            stamp=("decided_by", "decided_at"),
            comment_field="decision_comment",
        ),
        Transition(
            "cancel",
            source=[CorrectionStatus.SUBMITTED],
            target=CorrectionStatus.CANCELLED,
            rule="attendance.cancel_request",
            label=_("Withdraw"),
            title=_("Withdraw the correction request"),
            danger=True,
        ),
    ],
)


# The kinds of request, as the request list and the approval queue name them.
REQUEST_FLOWS = {"overtime": OVERTIME_FLOW, "leave": LEAVE_FLOW, "correction": CORRECTION_FLOW}


@dataclass(frozen=True)
class QueueSection:
    """One table of the approval queue: requests of one workflow in one state, decided in bulk
    by the transitions ``actions`` ((name, button label)); each row is listed only to whoever
    may take them (``Workflow.allows``)."""

    what: str  # a key of REQUEST_FLOWS
    state: str
    actions: tuple
    title: str

    @property
    def workflow(self):
        return REQUEST_FLOWS[self.what]


QUEUE_SECTIONS = (
    QueueSection(
        "overtime",
        OvertimeStatus.SUBMITTED,
        (("approve", _("Approve selected")), ("reject", _("Reject selected"))),
        _("Overtime waiting for you"),
    ),
    QueueSection(
        "overtime",
        OvertimeStatus.SUPERVISOR_APPROVED,
        (("file", _("Approve and file selected")), ("hr_reject", _("Reject selected"))),
        _("Overtime approved by supervisors, to approve and file"),
    ),
    QueueSection(
        "leave",
        LeaveStatus.SUBMITTED,
        (("approve", _("Approve selected")), ("reject", _("Reject selected"))),
        _("Leave waiting for you"),
    ),
    QueueSection(
        "correction",
        CorrectionStatus.SUBMITTED,
        (("approve", _("Approve selected")), ("reject", _("Reject selected"))),
        _("Missed-punch corrections waiting for you"),
    ),
)


class HalfDay(models.TextChoices):
    AM = "am", _("Morning")
    PM = "pm", _("Afternoon")


class ExportScope(models.TextChoices):
    COMPANY = "company", _("Whole company")
    DEPARTMENT = "department", _("Department")
    SITE = "site", _("Client site")


class ExportFormat(models.TextChoices):
    PDF = "pdf", _("PDF")
    XLSX = "xlsx", _("Excel")


# Leave types seeded by migration 0002 (HR may change them): code, name, yearly allowance
# in days, may go below zero, compensatory.
DEFAULT_LEAVE_TYPES = [
    ("ANNUAL", "年休假", 5, False, False),
    ("SICK", "病假", 12, False, False),
    ("PERSONAL", "事假", 0, True, False),
    ("COMP", "调休", 0, False, True),
]

# How the audit trail's actions read on a page.
register_labels(
    {
        "attendance.overtime.submit": _("Asked for"),
        "attendance.overtime.approve": _("Approved by the supervisor"),
        "attendance.overtime.reject": _("Rejected by the supervisor"),
        "attendance.overtime.file": _("Approved and filed by HR"),
        "attendance.overtime.hr_reject": _("Rejected by HR"),
        "attendance.overtime.cancel": _("Withdrawn"),
        "attendance.overtime.confirm_hours": _("Actual minutes confirmed"),
        "attendance.leave.submit": _("Asked for"),
        "attendance.leave.approve": _("Approved"),
        "attendance.leave.reject": _("Rejected"),
        "attendance.leave.cancel": _("Withdrawn"),
        "attendance.correction.submit": _("Asked for"),
        "attendance.correction.approve": _("Approved"),
        "attendance.correction.reject": _("Rejected"),
        "attendance.correction.cancel": _("Withdrawn"),
        "attendance.delegation.add": _("Deputy named"),
        "attendance.delegation.remove": _("Deputy withdrawn"),
        "attendance.policy.change": _("Attendance rules changed"),
    }
)
