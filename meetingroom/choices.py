"""Constants of the meeting rooms: states, workflows (the transition recipe) and audit labels.

Classification levels are the archive's (``archive.choices.classification_levels``): one
scale for meetings and their recordings.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from onsite.audit import register_labels, register_states
from onsite.workflow import INITIAL, Transition, Workflow


class EntryStatus(models.TextChoices):
    INSIDE = "inside", _("Inside")
    LEFT = "left", _("Left")


ENTRY = Workflow(
    "meetingroom.entry",
    "meetingroom.AccessEntry",
    parent="venue",  # a venue before its log rows
    labels=dict(EntryStatus.choices),
    tones={EntryStatus.INSIDE: "waiting", EntryStatus.LEFT: "done"},
    transitions=[
        Transition("enter", source=[INITIAL], target=EntryStatus.INSIDE, rule="meetingroom.log"),
        Transition(
            "exit",
            source=[EntryStatus.INSIDE],
            target=EntryStatus.LEFT,
            rule="meetingroom.log",
            label=_("Log the exit"),
            title=_("Log the exit"),
            question=_("The time out is now."),
            stamp=("exit_logged_by", "exited_at"),
            url_name="meetingroom:entry_exit",
        ),
    ],
)


class DenialReason(models.TextChoices):
    UNAPPROVED = "unapproved", _("No approved visit")
    OUTSIDE_WINDOW = "outside_window", _("Outside the approved window")
    LOCKDOWN = "lockdown", _("Lockdown for a meeting")
    NO_PLEDGE = "no_pledge", _("No valid confidentiality pledge")


class VisitStatus(models.TextChoices):
    FILED = "filed", _("Waiting for the leader")
    APPROVED = "approved", pgettext_lazy("visit", "Approved")
    REJECTED = "rejected", pgettext_lazy("visit", "Rejected")
    CANCELLED = "cancelled", pgettext_lazy("visit", "Cancelled")
    ADMITTED = "admitted", _("Admitted without approval")
    CONFIRMED = "confirmed", _("Admission confirmed")


# Visits whose visitor may be logged in (inside the window).
ENTERABLE_VISITS = (VisitStatus.APPROVED,)

VISIT = Workflow(
    "meetingroom.visit",
    "meetingroom.Visit",
    parent="venue",
    url_name="meetingroom:visit_action",
    labels=dict(VisitStatus.choices),
    tones={
        VisitStatus.FILED: "waiting",
        VisitStatus.APPROVED: "approved",
        VisitStatus.REJECTED: "rejected",
        VisitStatus.CANCELLED: "cancelled",
        VisitStatus.ADMITTED: "waiting",
        VisitStatus.CONFIRMED: "done",
    },
    transitions=[
        Transition(
            "file", source=[INITIAL], target=VisitStatus.FILED, rule="meetingroom.file_visit"
        ),
        Transition(
            "admit",
            source=[INITIAL],
            target=VisitStatus.ADMITTED,
            rule="meetingroom.admit_visitor",
            comment_required=True,
        ),
        Transition(
            "approve",
            source=[VisitStatus.FILED],
            target=VisitStatus.APPROVED,
            rule="meetingroom.decide_visit",
            label=_("Approve"),
            title=_("Approve the visit"),
            question=_("The visitor may then be logged in within the expected window."),
            stamp=("decided_by", "decided_at"),
            comment_field="decision_comment",
        ),
        Transition(
            "reject",
            source=[VisitStatus.FILED],
            target=VisitStatus.REJECTED,
            rule="meetingroom.decide_visit",
            label=_("Reject"),
            title=_("Reject the visit"),
            question=_("Say why; the person who filed it is told."),
            comment_required=True,
            danger=True,
            stamp=("decided_by", "decided_at"),
            comment_field="decision_comment",
        ),
        Transition(
            "cancel",
            source=[VisitStatus.FILED, VisitStatus.APPROVED],
            target=VisitStatus.CANCELLED,
            rule="meetingroom.cancel_visit",
            label=_("Cancel"),
            title=_("Cancel the visit"),
            danger=True,
        ),
        Transition(
            "confirm",
            source=[VisitStatus.ADMITTED],
            target=VisitStatus.CONFIRMED,
            rule="meetingroom.decide_visit",
            label=_("Confirm the admission"),
            title=_("Confirm the exceptional admission"),
            question=_("The manager admitted this visitor without prior approval."),
            stamp=("decided_by", "decided_at"),
            comment_field="decision_comment",
        ),
    ],
)


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", pgettext_lazy("meeting", "Cancelled")


MEETING = Workflow(
    "meetingroom.meeting",
    "meetingroom.Meeting",
    parent="venue",
    url_name="meetingroom:meeting_action",
    labels=dict(MeetingStatus.choices),
    tones={MeetingStatus.SCHEDULED: "approved", MeetingStatus.CANCELLED: "cancelled"},
    transitions=[
        Transition(
            "schedule",
            source=[INITIAL],
            target=MeetingStatus.SCHEDULED,
            rule="meetingroom.schedule_meeting",
        ),
        Transition(
            "cancel",
            source=[MeetingStatus.SCHEDULED],
            target=MeetingStatus.CANCELLED,
            rule="meetingroom.schedule_meeting",
            label=_("Cancel the meeting"),
            title=_("Cancel the meeting"),
            question=_("Its lockdown no longer applies."),
            comment_required=True,
            danger=True,
        ),
    ],
)


class AdmissionStatus(models.TextChoices):
    PENDING = "pending", _("Not verified yet")
    VERIFIED = "verified", _("Identity verified")
    ADMITTED = "admitted", pgettext_lazy("sub-venue", "Admitted")
    REFUSED = "refused", pgettext_lazy("sub-venue", "Refused")


class VerificationMethod(models.TextChoices):
    CALL_BACK = "call_back", _("Call back on the registered number")
    VIDEO = "video", _("Video check of the known contact")
    CODE = "code", _("Conference code agreed in advance")
    ENDPOINT = "endpoint", _("Endpoint identifier matched")


ADMISSION = Workflow(
    "meetingroom.admission",
    "meetingroom.SubVenueAdmission",
    parent="meeting",
    url_name="meetingroom:admission_action",
    labels=dict(AdmissionStatus.choices),
    tones={
        AdmissionStatus.PENDING: "waiting",
        AdmissionStatus.VERIFIED: "approved",
        AdmissionStatus.ADMITTED: "done",
        AdmissionStatus.REFUSED: "rejected",
    },
    transitions=[
        Transition(
            "open",
            source=[INITIAL],
            target=AdmissionStatus.PENDING,
            rule="meetingroom.admit_subvenue",
        ),
        Transition(
            "verify",
            source=[AdmissionStatus.PENDING],
            target=AdmissionStatus.VERIFIED,
            rule="meetingroom.admit_subvenue",
            label=_("Verify identity"),
            stamp=("verified_by", "verified_at"),
            comment_field="verification_note",
            url_name="meetingroom:admission_verify",
        ),
        Transition(
            "admit",
            source=[AdmissionStatus.VERIFIED],
            target=AdmissionStatus.ADMITTED,
            rule="meetingroom.admit_subvenue",
            label=_("Admit"),
            title=_("Admit the sub-venue"),
            question=_("Its identity was verified; it may now watch the meeting."),
            stamp=("admitted_by", "admitted_at"),
        ),
        Transition(
            "refuse",
            source=[AdmissionStatus.PENDING, AdmissionStatus.VERIFIED],
            target=AdmissionStatus.REFUSED,
            rule="meetingroom.admit_subvenue",
            label=_("Refuse"),
            title=_("Refuse the sub-venue"),
            question=_("Say why (identity not confirmed, not authorised…)."),
            comment_required=True,
            danger=True,
            stamp=("admitted_by", "admitted_at"),
            comment_field="refusal_reason",
        ),
    ],
)


class DepositStatus(models.TextChoices):
    HELD = "held", _("Held")
    RETURNED = "returned", _("Returned")


DEPOSIT = Workflow(
    "meetingroom.deposit",
    "meetingroom.DeviceDeposit",
    parent="meeting",
    url_name="meetingroom:deposit_action",
    labels=dict(DepositStatus.choices),
    tones={DepositStatus.HELD: "waiting", DepositStatus.RETURNED: "done"},
    transitions=[
        Transition(
            "deposit", source=[INITIAL], target=DepositStatus.HELD, rule="meetingroom.keep_devices"
        ),
        Transition(
            "give_back",
            source=[DepositStatus.HELD],
            target=DepositStatus.RETURNED,
            rule="meetingroom.keep_devices",
            label=_("Give back"),
            title=_("Give the devices back"),
            question=_("The owner takes their devices back."),
            stamp=("returned_by", "returned_at"),
        ),
    ],
)


class PledgeStatus(models.TextChoices):
    SIGNED = "signed", _("Signed")
    WITHDRAWN = "withdrawn", pgettext_lazy("pledge", "Withdrawn")


class PledgeMethod(models.TextChoices):
    DRAWN = "drawn", _("Drawn signature")
    PASSWORD = "password", _("Password re-entered")
    SCAN = "scan", _("Uploaded scan of the signed paper")


PLEDGE = Workflow(
    "meetingroom.pledge",
    "meetingroom.Pledge",
    url_name="meetingroom:pledge_action",
    labels=dict(PledgeStatus.choices),
    tones={PledgeStatus.SIGNED: "done", PledgeStatus.WITHDRAWN: "cancelled"},
    transitions=[
        Transition(
            "sign", source=[INITIAL], target=PledgeStatus.SIGNED, rule="meetingroom.sign_pledge"
        ),
        Transition(
            "upload",
            source=[INITIAL],
            target=PledgeStatus.SIGNED,
            rule="meetingroom.upload_pledge",
        ),
        Transition(
            "withdraw",
            source=[PledgeStatus.SIGNED],
            target=PledgeStatus.WITHDRAWN,
            rule="meetingroom.withdraw_pledge",
            label=pgettext_lazy("pledge", "Withdraw"),
            title=_("Withdraw the pledge"),
            question=_("The person no longer holds a valid pledge with it."),
            comment_required=True,
            danger=True,
            stamp=("withdrawn_by", "withdrawn_at"),
            comment_field="withdrawal_reason",
        ),
    ],
)


class ExportKind(models.TextChoices):
    ACCESS_LOG = "access_log", _("Access log")
    DENIALS = "denials", _("Denied attempts")


EXPORT_FORMATS = (("pdf", "PDF"), ("xlsx", "Excel"))

register_labels(
    {
        "meetingroom.entry.enter": _("Entry logged"),
        "meetingroom.entry.exit": _("Exit logged"),
        "meetingroom.entry.deny": _("Entry refused"),
        "meetingroom.visit.file": _("Visit filed"),
        "meetingroom.visit.approve": _("Visit approved"),
        "meetingroom.visit.reject": _("Visit rejected"),
        "meetingroom.visit.cancel": _("Visit cancelled"),
        "meetingroom.visit.admit": _("Admitted without prior approval"),
        "meetingroom.visit.confirm": _("Exceptional admission confirmed"),
        "meetingroom.meeting.schedule": _("Meeting scheduled"),
        "meetingroom.meeting.cancel": _("Meeting cancelled"),
        "meetingroom.meeting.staff": _("Serving staff set"),
        "meetingroom.meeting.notice": _("Meeting notice recorded"),
        "meetingroom.meeting.hand_over": _("Recordings handed to the archive"),
        "meetingroom.notice.download": _("Notice attachment downloaded"),
        "meetingroom.meeting.sheet": _("Admission sheet printed"),
        "meetingroom.admission.open": _("Sub-venue asked to join"),
        "meetingroom.admission.verify": _("Sub-venue identity verified"),
        "meetingroom.admission.admit": _("Sub-venue admitted"),
        "meetingroom.admission.refuse": _("Sub-venue refused"),
        "meetingroom.subvenue.register": _("Sub-venue registered"),
        "meetingroom.deposit.deposit": _("Devices handed in"),
        "meetingroom.deposit.give_back": _("Devices given back"),
        "meetingroom.pledge.sign": _("Pledge signed"),
        "meetingroom.pledge.upload": _("Pledge scan uploaded"),
        "meetingroom.pledge.withdraw": _("Pledge withdrawn"),
        "meetingroom.pledge.scan_read": _("Pledge scan read"),
        "meetingroom.pledge.scan_mismatch": _("Pledge scan checksum mismatch: not shown"),
        "meetingroom.export.queue": _("Export asked for"),
        "meetingroom.export.done": _("Export made"),
        "meetingroom.export.download": _("Export downloaded"),
    }
)
register_states(dict(DenialReason.choices))
