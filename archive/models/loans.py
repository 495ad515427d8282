"""Loans (physical copies and digital files), the borrower's signatures, and the queue
for an item that is lent out."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from archive.choices import (
    ACTIVE_LOAN_STATES,
    OPEN_HOLD_STATES,
    Condition,
    HoldStatus,
    LoanKind,
    LoanStatus,
    SignatureMethod,
    SignatureMoment,
)
from archive.models.items import Copy, Item
from archive.models.paths import receipt_path
from archive.storage import private_storage
from onsite.names import display_name

User = settings.AUTH_USER_MODEL


class Loan(models.Model):
    """A request to borrow an item.

    A physical loan's approval reserves one copy until it is returned; a digital loan
    opens the item's files to the borrower from the signature of the digital terms until
    ``access_until`` (``access_days`` set by the leader), then ends by itself.
    """

    item = models.ForeignKey(
        Item, on_delete=models.PROTECT, related_name="loans", verbose_name=_("item")
    )
    copy = models.ForeignKey(
        Copy,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="loans",
        verbose_name=_("copy"),
    )
    borrower = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="archive_loans", verbose_name=_("borrower")
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=LoanKind.choices, default=LoanKind.PHYSICAL
    )
    purpose = models.TextField(_("purpose"))
    needed_from = models.DateField(_("needed from"))
    return_by = models.DateField(_("return by"))
    status = models.CharField(
        _("status"), max_length=12, choices=LoanStatus.choices, default=LoanStatus.REQUESTED
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_comment = models.TextField(_("leader's comment"), blank=True)
    handed_over_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    handed_over_at = models.DateTimeField(_("handed over at"), null=True, blank=True)
    condition_out = models.CharField(
        _("condition at hand-over"), max_length=12, choices=Condition.choices, blank=True
    )
    received_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    condition_in = models.CharField(
        _("condition on return"), max_length=12, choices=Condition.choices, blank=True
    )
    return_note = models.TextField(_("note on return"), blank=True)
    terms_version = models.CharField(_("terms version"), max_length=20, blank=True)
    terms_text = models.TextField(_("terms"), blank=True)
    receipt = models.FileField(
        _("receipt"), upload_to=receipt_path, storage=private_storage, max_length=200, blank=True
    )
    receipt_sha256 = models.CharField(_("receipt SHA-256"), max_length=64, blank=True)
    access_days = models.PositiveSmallIntegerField(_("access window (days)"), null=True, blank=True)
    access_from = models.DateTimeField(_("access from"), null=True, blank=True)
    access_until = models.DateTimeField(_("access until"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["copy"],
                condition=Q(status__in=ACTIVE_LOAN_STATES),
                name="archive_one_active_loan_per_copy",
            ),
            models.CheckConstraint(
                condition=Q(return_by__gte=models.F("needed_from")),
                name="archive_loan_return_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "return_by"]),
            models.Index(fields=["status", "access_until"]),
        ]
        verbose_name = _("loan")
        verbose_name_plural = _("loans")

    def __str__(self):
        return _("Loan %(pk)s of %(item)s") % {"pk": self.pk, "item": self.item.reference}

    def get_absolute_url(self):
        return reverse("archive:loan_detail", args=[self.pk])

    @property
    def number(self):
        """The loan's number as people quote it (and as downloaded file names carry it)."""
        return f"JY{self.pk:06d}" if self.pk else ""

    @property
    def is_digital(self):
        return self.kind == LoanKind.DIGITAL

    def access_open(self, now=None):
        """A digital loan whose terms are signed and whose window has not ended."""
        now = now or timezone.now()
        return (
            self.is_digital
            and self.status == LoanStatus.ACCESS
            and self.access_from is not None
            and self.access_from <= now < self.access_until
        )

    def is_overdue(self, today=None):
        today = today or timezone.localdate()
        return self.status == LoanStatus.HANDED_OVER and self.return_by < today

    @property
    def overdue(self):
        return self.is_overdue()


class Signature(models.Model):
    """The borrower's signature at hand-over or return: a drawn PNG or a re-entered password."""

    loan = models.ForeignKey(
        Loan, on_delete=models.PROTECT, related_name="signatures", verbose_name=_("loan")
    )
    moment = models.CharField(_("moment"), max_length=10, choices=SignatureMoment.choices)
    method = models.CharField(_("method"), max_length=10, choices=SignatureMethod.choices)
    signer = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("signer")
    )
    image = models.BinaryField(_("signature image (PNG)"), null=True, blank=True)
    signed_at = models.DateTimeField(_("signed at"))
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        ordering = ["signed_at"]
        constraints = [
            models.UniqueConstraint(fields=["loan", "moment"], name="archive_one_signature")
        ]
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")

    def __str__(self):
        return f"{self.loan} · {self.get_moment_display()}"


class Hold(models.Model):
    """A person queuing for an item whose every copy is lent or reserved.

    The first in the queue (oldest ``placed_at``) is offered the next copy that comes
    back: it is kept for them until ``keep_until`` (no one else's loan gets it), then the
    next is offered it.
    """

    item = models.ForeignKey(
        Item, on_delete=models.PROTECT, related_name="holds", verbose_name=_("item")
    )
    person = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="archive_holds", verbose_name=_("person")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=HoldStatus.choices, default=HoldStatus.WAITING
    )
    placed_at = models.DateTimeField(_("queued at"), default=timezone.now)
    copy = models.ForeignKey(
        Copy,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="holds",
        verbose_name=_("copy kept"),
    )
    offered_at = models.DateTimeField(_("told at"), null=True, blank=True)
    keep_until = models.DateField(_("kept until"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["placed_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "person"],
                condition=Q(status__in=OPEN_HOLD_STATES),
                name="archive_one_open_hold",
            ),
            models.UniqueConstraint(
                fields=["copy"],
                condition=Q(status=HoldStatus.OFFERED),
                name="archive_copy_kept_once",
            ),
        ]
        indexes = [models.Index(fields=["item", "status", "placed_at"])]
        verbose_name = _("hold")
        verbose_name_plural = _("holds")

    def __str__(self):
        return _("Queue for %(item)s: %(person)s") % {
            "item": self.item.reference,
            "person": display_name(self.person),
        }

    def get_absolute_url(self):
        return reverse("archive:hold_detail", args=[self.pk])
