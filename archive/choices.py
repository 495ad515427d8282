"""Constants of the archive: classification levels, media, workflow states and transitions."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from archive.conf import conf
from onsite.audit import register_labels, register_states
from onsite.choices import SignatureMethod  # noqa: F401 - the archive's signatures use it
from onsite.workflow import INITIAL, Transition, Workflow

# Classification levels, lowest first; a level is stored as its index in this list.
# ``ARCHIVE_CLASSIFICATION_LEVELS`` replaces the labels (a list, lowest first).
DEFAULT_CLASSIFICATION_LEVELS = [_("Public"), _("Internal"), _("Secret"), _("Confidential")]


def classification_levels():
    """[(level, label)], lowest first, from settings or the default 公开/内部/秘密/机密."""
    return list(enumerate(conf.CLASSIFICATION_LEVELS or DEFAULT_CLASSIFICATION_LEVELS))


def classification_label(level):
    return dict(classification_levels()).get(level, str(level))


class Medium(models.TextChoices):
    TAPE = "tape", _("Tape")
    DISC = "disc", _("Disc")
    DRIVE = "drive", _("Drive")
    DIGITAL = "digital", _("Digital file")


class ItemStatus(models.TextChoices):
    KEPT = "kept", _("Kept")
    DESTROYED = "destroyed", _("Destroyed")


ITEM = Workflow(
    "archive.item",
    "archive.Item",
    labels=dict(ItemStatus.choices),
    tones={ItemStatus.KEPT: "done", ItemStatus.DESTROYED: "cancelled"},
    transitions=[
        Transition(
            "register",
            source=[INITIAL],
            target=ItemStatus.KEPT,
            rule="archive.register_item",  # on the collection
        ),
        Transition(
            "destroy",
            source=[ItemStatus.KEPT],
            target=ItemStatus.DESTROYED,
            rule="archive.destroy_item",
            label=_("Destroy"),
            danger=True,
            offered=False,  # done by recording a destruction that leaves no copy
        ),
    ],
)


class CopyStatus(models.TextChoices):
    KEPT = "kept", _("Kept")
    DESTROYED = "destroyed", _("Destroyed")


class Condition(models.TextChoices):
    GOOD = "good", _("Good")
    WORN = "worn", _("Worn but usable")
    DAMAGED = "damaged", _("Damaged")
    INCOMPLETE = "incomplete", _("Incomplete")


class LoanStatus(models.TextChoices):
    REQUESTED = "requested", pgettext_lazy("archive", "Requested")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    HANDED_OVER = "handed_over", _("Handed over")
    RETURNED = "returned", _("Returned")
    CANCELLED = "cancelled", pgettext_lazy("archive", "Cancelled")


# A copy is held by at most one loan in these states (a partial unique constraint).
ACTIVE_LOAN_STATES = (LoanStatus.APPROVED, LoanStatus.HANDED_OVER)
OPEN_LOAN_STATES = (LoanStatus.REQUESTED, LoanStatus.APPROVED, LoanStatus.HANDED_OVER)

LOAN = Workflow(
    "archive.loan",
    "archive.Loan",
    parent="item",  # an item before its loans: approvals of one item queue up on the item
    url_name="archive:loan_action",
    labels=dict(LoanStatus.choices),
    tones={
        LoanStatus.REQUESTED: "waiting",
        LoanStatus.APPROVED: "approved",
        LoanStatus.HANDED_OVER: "approved",
        LoanStatus.RETURNED: "done",
        LoanStatus.REJECTED: "rejected",
        LoanStatus.CANCELLED: "cancelled",
    },
    transitions=[
        Transition(
            "request",
            source=[INITIAL],
            target=LoanStatus.REQUESTED,
            rule="archive.request_loan",
        ),
        Transition(
            "approve",
            source=[LoanStatus.REQUESTED],
            target=LoanStatus.APPROVED,
            rule="archive.decide_loan",
            label=_("Approve"),
            title=_("Approve the loan"),
            question=_("A free copy is reserved for the borrower."),
            stamp=("decided_by", "decided_at"),
            comment_field="decision_comment",
        ),
        Transition(
            "reject",
            source=[LoanStatus.REQUESTED],
            target=LoanStatus.REJECTED,
            rule="archive.decide_loan",
            label=_("Reject"),
            title=_("Reject the loan"),
            question=_("Say why; the borrower is told."),
            comment_required=True,
            danger=True,
            stamp=("decided_by", "decided_at"),
            comment_field="decision_comment",
        ),
        Transition(
            "hand_over",
            source=[LoanStatus.APPROVED],
            target=LoanStatus.HANDED_OVER,
            rule="archive.hand_over_loan",
            label=_("Hand over"),
            stamp=("handed_over_by", "handed_over_at"),
            url_name="archive:loan_hand_over",
        ),
        Transition(
            "return",
            source=[LoanStatus.HANDED_OVER],
            target=LoanStatus.RETURNED,
            rule="archive.receive_loan",
            label=_("Take back"),
            stamp=("received_by", "returned_at"),
            url_name="archive:loan_return",
        ),
        Transition(
            "cancel",
            source=[LoanStatus.REQUESTED, LoanStatus.APPROVED],
            target=LoanStatus.CANCELLED,
            rule="archive.cancel_loan",
            label=_("Cancel"),
            title=_("Cancel the loan"),
            question=_("A reserved copy is freed."),
            danger=True,
        ),
    ],
)


class SignatureMoment(models.TextChoices):
    HAND_OVER = "hand_over", _("Hand-over")
    RETURN = "return", _("Return")


class DestructionStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    DONE = "done", _("Destroyed")


DESTRUCTION = Workflow(
    "archive.destruction",
    "archive.Destruction",
    parent="item",  # an item before its destructions (and those before its copies)
    url_name="archive:destruction_action",
    labels=dict(DestructionStatus.choices),
    tones={
        DestructionStatus.PROPOSED: "waiting",
        DestructionStatus.APPROVED: "approved",
        DestructionStatus.DONE: "done",
        DestructionStatus.REJECTED: "rejected",
    },
    transitions=[
        Transition(
            "propose",
            source=[INITIAL],
            target=DestructionStatus.PROPOSED,
            rule="archive.propose_destruction",
        ),
        Transition(
            "approve",
            source=[DestructionStatus.PROPOSED],
            target=DestructionStatus.APPROVED,
            rule="archive.decide_destruction",
            label=_("Approve"),
            title=_("Approve the destruction"),
            question=_("The custodian then destroys it in front of the witness."),
            stamp=("decided_by", "decided_at"),
            comment_field="decision_comment",
        ),
        Transition(
            "reject",
            source=[DestructionStatus.PROPOSED],
            target=DestructionStatus.REJECTED,
            rule="archive.decide_destruction",
            label=_("Reject"),
            title=_("Reject the destruction"),
            question=_("Say why; the custodian is told."),
            comment_required=True,
            danger=True,
            stamp=("decided_by", "decided_at"),
            comment_field="decision_comment",
        ),
        Transition(
            "carry_out",
            source=[DestructionStatus.APPROVED],
            target=DestructionStatus.DONE,
            rule="archive.carry_out_destruction",
            label=_("Record the destruction"),
            title=_("Record the destruction"),
            question=_("The copies are marked destroyed; the records stay."),
            danger=True,
        ),
    ],
)


class DestructionMethod(models.TextChoices):
    SHRED = "shred", _("Shredding")
    DEGAUSS = "degauss", _("Degaussing")
    CRUSH = "crush", _("Physical crushing")
    WIPE = "wipe", _("Secure erasure")


class AuditStatus(models.TextChoices):
    OPEN = "open", _("In progress")
    COMPLETED = "completed", _("Completed")


SHELF_AUDIT = Workflow(
    "archive.audit",
    "archive.ShelfAudit",
    url_name="archive:audit_action",
    labels=dict(AuditStatus.choices),
    tones={AuditStatus.OPEN: "waiting", AuditStatus.COMPLETED: "done"},
    transitions=[
        Transition("start", source=[INITIAL], target=AuditStatus.OPEN, rule="archive.run_audit"),
        Transition(
            "complete",
            source=[AuditStatus.OPEN],
            target=AuditStatus.COMPLETED,
            rule="archive.complete_audit",
            label=_("Complete the audit"),
            title=_("Complete the audit"),
            question=_("Every missing, damaged or misplaced copy opens a discrepancy."),
            stamp=("completed_by", "completed_at"),
            comment_field="note",
        ),
    ],
)


class AuditResult(models.TextChoices):
    PENDING = "pending", _("Not checked yet")
    FOUND = "found", _("Found")
    MISSING = "missing", _("Missing")
    DAMAGED = "damaged", _("Damaged")
    MISPLACED = "misplaced", _("Misplaced")
    ON_LOAN = "on_loan", _("On loan")


# Results that open a discrepancy when the audit is completed.
DISCREPANCY_RESULTS = (AuditResult.MISSING, AuditResult.DAMAGED, AuditResult.MISPLACED)


class DiscrepancyStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("archive", "Open")
    RESOLVED = "resolved", _("Resolved")


DISCREPANCY = Workflow(
    "archive.discrepancy",
    "archive.Discrepancy",
    url_name="archive:discrepancy_action",
    labels=dict(DiscrepancyStatus.choices),
    tones={DiscrepancyStatus.OPEN: "waiting", DiscrepancyStatus.RESOLVED: "done"},
    transitions=[
        Transition(
            "resolve",
            source=[DiscrepancyStatus.OPEN],
            target=DiscrepancyStatus.RESOLVED,
            rule="archive.resolve_discrepancy",
            label=_("Resolve"),
            title=_("Resolve the discrepancy"),
            question=_("Describe what was done (found, repaired, reported lost…)."),
            stamp=("resolved_by", "resolved_at"),
            comment_field="resolution",
            comment_required=True,
        ),
    ],
)

# A periodic audit is due this many days after the last (a collection may say otherwise).
DEFAULT_AUDIT_INTERVAL_DAYS = 90
AUDIT_NOTICE_DAYS = 7


class RegisterKind(models.TextChoices):
    ITEMS = "items", _("Collection register")
    LOANS = "loans", _("Loan register")


# How the audit trail's actions read on a page.
register_labels(
    {
        "archive.item.register": _("Item registered"),
        "archive.item.edit": _("Record changed"),
        "archive.item.view": _("Page opened"),
        "archive.item.destroy": _("Item destroyed"),
        "archive.item.export": _("Collection register exported"),
        "archive.file.upload": _("File uploaded"),
        "archive.file.download": _("File downloaded"),
        "archive.file.checksum_mismatch": _("Checksum mismatch: download refused"),
        "archive.file.missing": _("Stored file missing: download refused"),
        "archive.loan.request": _("Loan requested"),
        "archive.loan.approve": _("Loan approved"),
        "archive.loan.reject": _("Loan rejected"),
        "archive.loan.cancel": _("Loan cancelled"),
        "archive.loan.hand_over": _("Handed over, borrower signed"),
        "archive.loan.receipt": _("Receipt fixed"),
        "archive.loan.receipt_read": _("Receipt read"),
        "archive.loan.receipt_mismatch": _("Receipt checksum mismatch: not shown"),
        "archive.loan.signing_refused": _("Signature refused"),
        "archive.loan.return": _("Returned, borrower signed"),
        "archive.loan.export": _("Loan register exported"),
        "archive.destruction.propose": _("Destruction proposed"),
        "archive.destruction.approve": _("Destruction approved"),
        "archive.destruction.reject": _("Destruction rejected"),
        "archive.destruction.carry_out": _("Destroyed before the witness"),
        "archive.audit.start": _("Audit started"),
        "archive.audit.check": _("Checked on the shelf"),
        "archive.audit.complete": _("Audit completed"),
        "archive.discrepancy.resolve": _("Discrepancy resolved"),
    }
)

register_states({**dict(ItemStatus.choices), **dict(AuditResult.choices)})
