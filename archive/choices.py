"""Constants of the archive: classification levels, media, workflow states and transitions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from onsite.workflow import StateMachine

# Classification levels, lowest first; a level is stored as its index in this list.
# Override with ``ARCHIVE_CLASSIFICATION_LEVELS`` (a list of labels, lowest first).
DEFAULT_CLASSIFICATION_LEVELS = [_("Public"), _("Internal"), _("Secret"), _("Confidential")]


def classification_levels():
    """[(level, label)], lowest first, from settings or the default 公开/内部/秘密/机密."""
    labels = getattr(settings, "ARCHIVE_CLASSIFICATION_LEVELS", None) or (
        DEFAULT_CLASSIFICATION_LEVELS
    )
    return list(enumerate(labels))


def classification_label(level):
    return dict(classification_levels()).get(level, str(level))


def audited_read_level():
    """Reads of items at or above this level are written to the audit trail."""
    return getattr(settings, "ARCHIVE_AUDITED_READ_LEVEL", 1)


class Medium(models.TextChoices):
    TAPE = "tape", _("Tape")
    DISC = "disc", _("Disc")
    DRIVE = "drive", _("Drive")
    DIGITAL = "digital", _("Digital file")


class ItemStatus(models.TextChoices):
    KEPT = "kept", _("Kept")
    DESTROYED = "destroyed", _("Destroyed")


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

LOAN = StateMachine(
    "archive.loan",
    {
        (LoanStatus.REQUESTED, "approve"): LoanStatus.APPROVED,
        (LoanStatus.REQUESTED, "reject"): LoanStatus.REJECTED,
        (LoanStatus.REQUESTED, "cancel"): LoanStatus.CANCELLED,
        (LoanStatus.APPROVED, "cancel"): LoanStatus.CANCELLED,
        (LoanStatus.APPROVED, "hand_over"): LoanStatus.HANDED_OVER,
        (LoanStatus.HANDED_OVER, "return"): LoanStatus.RETURNED,
    },
    labels=dict(LoanStatus.choices),
)


class SignatureMethod(models.TextChoices):
    DRAWN = "drawn", _("Drawn signature")
    PASSWORD = "password", _("Password re-entered")


class SignatureMoment(models.TextChoices):
    HAND_OVER = "hand_over", _("Hand-over")
    RETURN = "return", _("Return")


class DestructionStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    DONE = "done", _("Destroyed")


DESTRUCTION = StateMachine(
    "archive.destruction",
    {
        (DestructionStatus.PROPOSED, "approve"): DestructionStatus.APPROVED,
        (DestructionStatus.PROPOSED, "reject"): DestructionStatus.REJECTED,
        (DestructionStatus.APPROVED, "carry_out"): DestructionStatus.DONE,
    },
    labels=dict(DestructionStatus.choices),
)


class DestructionMethod(models.TextChoices):
    SHRED = "shred", _("Shredding")
    DEGAUSS = "degauss", _("Degaussing")
    CRUSH = "crush", _("Physical crushing")
    WIPE = "wipe", _("Secure erasure")


class AuditStatus(models.TextChoices):
    OPEN = "open", _("In progress")
    COMPLETED = "completed", _("Completed")


SHELF_AUDIT = StateMachine(
    "archive.audit",
    {(AuditStatus.OPEN, "complete"): AuditStatus.COMPLETED},
    labels=dict(AuditStatus.choices),
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


DISCREPANCY = StateMachine(
    "archive.discrepancy",
    {(DiscrepancyStatus.OPEN, "resolve"): DiscrepancyStatus.RESOLVED},
    labels=dict(DiscrepancyStatus.choices),
)

# Loan reminders: a courtesy notice this many days before the return date, then
# overdue notices this many days after it (the last one also to the supervisors).
DEFAULT_COURTESY_DAYS = 2
DEFAULT_OVERDUE_DAYS = (1, 4, 8)
DEFAULT_AUDIT_INTERVAL_DAYS = 90
AUDIT_NOTICE_DAYS = 7


def courtesy_days():
    return getattr(settings, "ARCHIVE_LOAN_COURTESY_DAYS", DEFAULT_COURTESY_DAYS)


def overdue_days():
    return tuple(getattr(settings, "ARCHIVE_LOAN_OVERDUE_DAYS", DEFAULT_OVERDUE_DAYS))


def audit_intervals_by_medium():
    """Shorter audit intervals (days) for media that need them, e.g. ``{"tape": 30}``."""
    return dict(getattr(settings, "ARCHIVE_AUDIT_INTERVAL_DAYS_BY_MEDIUM", {}))


class RegisterKind(models.TextChoices):
    ITEMS = "items", _("Collection register")
    LOANS = "loans", _("Loan register")


def export_keep_hours():
    """A register made in the background can be downloaded for this many hours."""
    return getattr(settings, "ARCHIVE_EXPORT_KEEP_HOURS", 24)
