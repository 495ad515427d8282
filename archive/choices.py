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


class LoanKind(models.TextChoices):
    """A loan lends a physical copy (handed over and returned) or opens a digital file for
    a window (the borrower signs the digital terms; access ends by itself)."""

    PHYSICAL = "physical", _("Physical copy")
    DIGITAL = "digital", _("Digital file")


class LoanStatus(models.TextChoices):
    REQUESTED = "requested", pgettext_lazy("archive", "Requested")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    HANDED_OVER = "handed_over", _("Handed over")
    RETURNED = "returned", _("Returned")
    CANCELLED = "cancelled", pgettext_lazy("archive", "Cancelled")
    ACCESS = "access", _("Access open")
    ENDED = "ended", _("Access ended")
    REVOKED = "revoked", _("Access revoked")


# A copy is held by at most one loan in these states (a partial unique constraint).
ACTIVE_LOAN_STATES = (LoanStatus.APPROVED, LoanStatus.HANDED_OVER)
OPEN_LOAN_STATES = (
    LoanStatus.REQUESTED,
    LoanStatus.APPROVED,
    LoanStatus.HANDED_OVER,
    LoanStatus.ACCESS,
)
LOAN_TONES = {
    LoanStatus.REQUESTED: "waiting",
    LoanStatus.APPROVED: "approved",
    LoanStatus.HANDED_OVER: "approved",
    LoanStatus.ACCESS: "approved",
    LoanStatus.RETURNED: "done",
    LoanStatus.ENDED: "done",
    LoanStatus.REJECTED: "rejected",
    LoanStatus.REVOKED: "rejected",
    LoanStatus.CANCELLED: "cancelled",
}

LOAN = Workflow(
    "archive.loan",
    "archive.Loan",
    parent="item",  # an item before its loans: approvals of one item queue up on the item
    url_name="archive:loan_action",
    labels=dict(LoanStatus.choices),
    tones=LOAN_TONES,
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


# A digital loan (``Loan.kind == digital``): the same request and leader's approval, then
# the borrower signs the digital terms and may open the file until ``access_until``. Its
# rules refuse physical loans and the physical loan's rules refuse digital ones, so each
# loan's page offers the moves of its own kind only.
DIGITAL_LOAN = Workflow(
    "archive.digital_loan",
    "archive.Loan",
    parent="item",
    url_name="archive:digital_loan_action",
    labels=dict(LoanStatus.choices),
    tones=LOAN_TONES,
    transitions=[
        Transition(
            "request",
            source=[INITIAL],
            target=LoanStatus.REQUESTED,
            rule="archive.request_digital_loan",
        ),
        Transition(
            "approve",
            source=[LoanStatus.REQUESTED],
            target=LoanStatus.APPROVED,
            rule="archive.decide_digital_loan",
            label=_("Approve"),
            title=_("Approve the digital loan"),
            question=_(
                "Set how many days the borrower may open the file once they have signed "
                "the digital terms."
            ),
            stamp=("decided_by", "decided_at"),
            comment_field="decision_comment",
        ),
        Transition(
            "reject",
            source=[LoanStatus.REQUESTED],
            target=LoanStatus.REJECTED,
            rule="archive.decide_digital_loan",
            label=_("Reject"),
            title=_("Reject the digital loan"),
            question=_("Say why; the borrower is told."),
            comment_required=True,
            danger=True,
            stamp=("decided_by", "decided_at"),
            comment_field="decision_comment",
        ),
        Transition(
            "sign",
            source=[LoanStatus.APPROVED],
            target=LoanStatus.ACCESS,
            rule="archive.sign_digital_terms",
            label=_("Sign the terms"),
            url_name="archive:loan_sign",
        ),
        Transition(
            "finish",
            source=[LoanStatus.ACCESS],
            target=LoanStatus.ENDED,
            rule="archive.finish_digital_loan",
            label=_("End my access"),
            title=_("End my access"),
            question=_("Confirm that every copy you downloaded or made is deleted."),
        ),
        Transition(
            "revoke",
            source=[LoanStatus.APPROVED, LoanStatus.ACCESS],
            target=LoanStatus.REVOKED,
            rule="archive.revoke_digital_loan",
            label=_("Revoke access"),
            title=_("Revoke the digital loan"),
            question=_("The borrower cannot open the file from their next request on."),
            comment_required=True,
            danger=True,
            stamp=("revoked_by", "revoked_at"),
        ),
        Transition(
            "cancel",
            source=[LoanStatus.REQUESTED, LoanStatus.APPROVED],
            target=LoanStatus.CANCELLED,
            rule="archive.cancel_digital_loan",
            label=_("Cancel"),
            title=_("Cancel the digital loan"),
            question=_("The request is withdrawn."),
            danger=True,
        ),
    ],
)


class SignatureMoment(models.TextChoices):
    HAND_OVER = "hand_over", _("Hand-over")
    RETURN = "return", _("Return")
    TERMS = "terms", _("Digital terms")


class HoldStatus(models.TextChoices):
    WAITING = "waiting", _("In the queue")
    OFFERED = "offered", _("Copy kept")
    FULFILLED = "fulfilled", _("Borrowed")
    EXPIRED = "expired", _("Not collected in time")
    CANCELLED = "cancelled", pgettext_lazy("archive", "Cancelled")


OPEN_HOLD_STATES = (HoldStatus.WAITING, HoldStatus.OFFERED)

# A queue for an item whose every copy is lent or reserved. When a copy comes back the
# first in the queue is told and the copy is kept for them (``HOLD_KEEP_DAYS``); after
# that the next. Offering, expiring and fulfilling are done by the loans and the beat
# sweep (``services.holds``), not by a person's button.
HOLD = Workflow(
    "archive.hold",
    "archive.Hold",
    parent="item",  # an item before its holds (and its loans before its holds)
    url_name="archive:hold_action",
    labels=dict(HoldStatus.choices),
    tones={
        HoldStatus.WAITING: "waiting",
        HoldStatus.OFFERED: "approved",
        HoldStatus.FULFILLED: "done",
        HoldStatus.EXPIRED: "cancelled",
        HoldStatus.CANCELLED: "cancelled",
    },
    transitions=[
        Transition("place", source=[INITIAL], target=HoldStatus.WAITING, rule="archive.place_hold"),
        Transition(
            "cancel",
            source=[HoldStatus.WAITING, HoldStatus.OFFERED],
            target=HoldStatus.CANCELLED,
            rule="archive.cancel_hold",
            label=_("Leave the queue"),
            title=_("Leave the queue"),
            question=_("A copy kept for this person goes to the next in the queue."),
            danger=True,
        ),
    ],
)


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


class DiscrepancyKind(models.TextChoices):
    """What a discrepancy is about: a copy on the shelf (audits) or a stored file (sweeps)."""

    MISSING = "missing", _("Missing")
    DAMAGED = "damaged", _("Damaged")
    MISPLACED = "misplaced", _("Misplaced")
    CHECKSUM = "checksum", _("Stored file altered")
    FILE_LOST = "file_lost", _("Stored file missing")


class FileCheck(models.TextChoices):
    """The last integrity check of a stored file."""

    INTACT = "intact", _("Intact")
    ALTERED = "altered", _("Altered")
    MISSING = "missing", _("Missing")


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
# An open discrepancy is reminded after this many days (a collection may say otherwise).
DEFAULT_DISCREPANCY_DAYS = 14
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
        "archive.discrepancy.open": _("Discrepancy opened"),
        "archive.file.verify_failed": _("Integrity sweep: stored file not intact"),
        "archive.file.download_refused": _("Download refused"),
        "archive.digital_loan.request": _("Digital loan requested"),
        "archive.digital_loan.approve": _("Digital loan approved"),
        "archive.digital_loan.reject": _("Digital loan rejected"),
        "archive.digital_loan.cancel": _("Digital loan cancelled"),
        "archive.digital_loan.sign": _("Digital terms signed: access open"),
        "archive.digital_loan.receipt": _("Receipt fixed"),
        "archive.digital_loan.finish": _("Access ended by the borrower"),
        "archive.digital_loan.revoke": _("Access revoked"),
        "archive.digital_loan.end": _("Access window over"),
        "archive.grant.give": _("Item shown to one person"),
        "archive.grant.revoke": _("Single-item grant revoked"),
        "archive.grant.end": _("Single-item grant ended"),
        "archive.hold.place": _("Joined the queue"),
        "archive.hold.cancel": _("Left the queue"),
        "archive.hold.offer": _("Copy kept for the first in the queue"),
        "archive.hold.expire": _("Kept copy not collected in time"),
        "archive.hold.fulfil": _("Kept copy lent to the person queuing"),
    }
)

register_states(
    {**dict(ItemStatus.choices), **dict(AuditResult.choices), **dict(FileCheck.choices)}
)
