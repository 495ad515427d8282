"""Models of the confidential A/V archive."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from archive.choices import (
    ACTIVE_LOAN_STATES,
    DEFAULT_AUDIT_INTERVAL_DAYS,
    AuditResult,
    AuditStatus,
    Condition,
    CopyStatus,
    DestructionMethod,
    DestructionStatus,
    DiscrepancyStatus,
    ItemStatus,
    LoanStatus,
    Medium,
    SignatureMethod,
    SignatureMoment,
    classification_label,
)
from archive.storage import private_storage
from onsite.models import BackgroundExport
from onsite.storage import private_name

User = settings.AUTH_USER_MODEL


def item_file_path(instance, filename):
    return private_name("files", filename)


def receipt_path(instance, filename):
    return private_name("receipts", filename)


def export_path(instance, filename):
    """Kept for migration 0004; exports are stored by ``onsite.models.export_upload_to``."""
    return private_name("exports", filename)


class Collection(models.Model):
    """A collection of confidential A/V items kept by named custodians."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    code = models.CharField(_("code"), max_length=20, unique=True)
    site = models.ForeignKey(
        "onsite.Site",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="collections",
        verbose_name=_("client site"),
    )
    description = models.TextField(_("description"), blank=True)
    custodians = models.ManyToManyField(
        User, blank=True, related_name="kept_collections", verbose_name=_("custodians")
    )
    leaders = models.ManyToManyField(
        User, blank=True, related_name="led_collections", verbose_name=_("leaders in charge")
    )
    audit_interval_days = models.PositiveIntegerField(
        _("audit every (days)"),
        default=DEFAULT_AUDIT_INTERVAL_DAYS,
        help_text=_("A periodic shelf audit is due this many days after the last one."),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("archive collection")
        verbose_name_plural = _("archive collections")

    def __str__(self):
        return self.name


class CollectionAccess(models.Model):
    """A grant: the user may see the collection's items up to ``clearance`` (a level)."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="archive_grants", verbose_name=_("person")
    )
    collection = models.ForeignKey(
        Collection, on_delete=models.CASCADE, related_name="grants", verbose_name=_("collection")
    )
    clearance = models.PositiveSmallIntegerField(_("clearance"), default=0)
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "collection"], name="archive_one_grant")
        ]
        verbose_name = _("collection access")
        verbose_name_plural = _("collection accesses")

    def __str__(self):
        return f"{self.user} · {self.collection} · {classification_label(self.clearance)}"


class Item(models.Model):
    """One confidential A/V item (a recording) of a collection; kept forever as a record."""

    collection = models.ForeignKey(
        Collection, on_delete=models.PROTECT, related_name="items", verbose_name=_("collection")
    )
    title = models.CharField(_("title"), max_length=200)
    meeting = models.CharField(_("meeting or event"), max_length=200)
    event_date = models.DateField(_("date"))
    classification = models.PositiveSmallIntegerField(_("classification"), default=0)
    medium = models.CharField(_("medium"), max_length=10, choices=Medium.choices)
    location = models.CharField(_("storage location"), max_length=120)
    custodian = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        related_name="archive_items_kept",
        verbose_name=_("custodian"),
    )
    retention_until = models.DateField(_("retain until"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ItemStatus.choices, default=ItemStatus.KEPT
    )
    registered_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("registered by")
    )
    registered_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        ordering = ["-event_date", "-id"]
        indexes = [
            models.Index(fields=["collection", "classification"]),
            models.Index(fields=["collection", "location"]),
        ]
        verbose_name = _("archive item")
        verbose_name_plural = _("archive items")

    def __str__(self):
        return f"{self.reference} {self.title}"

    def get_absolute_url(self):
        return reverse("archive:item_detail", args=[self.pk])

    @property
    def reference(self):
        return f"{self.collection.code}-{self.pk:05d}" if self.pk else ""

    @property
    def classification_label(self):
        return classification_label(self.classification)


class Copy(models.Model):
    """One physical (or digital) copy of an item: what is lent, audited and destroyed."""

    item = models.ForeignKey(
        Item, on_delete=models.PROTECT, related_name="copies", verbose_name=_("item")
    )
    number = models.PositiveSmallIntegerField(_("copy number"))
    status = models.CharField(
        _("status"), max_length=10, choices=CopyStatus.choices, default=CopyStatus.KEPT
    )
    condition = models.CharField(
        _("condition"), max_length=12, choices=Condition.choices, default=Condition.GOOD
    )

    class Meta:
        ordering = ["item", "number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="archive_copy_number")
        ]
        verbose_name = _("copy")
        verbose_name_plural = _("copies")

    def __str__(self):
        return _("%(item)s, copy %(number)s") % {"item": self.item, "number": self.number}


class ItemFile(models.Model):
    """A digital file of an item, stored privately with its SHA-256."""

    item = models.ForeignKey(
        Item, on_delete=models.PROTECT, related_name="files", verbose_name=_("item")
    )
    file = models.FileField(
        _("file"), upload_to=item_file_path, storage=private_storage, max_length=200, blank=True
    )
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True)

    class Meta:
        ordering = ["item", "uploaded_at"]
        verbose_name = _("digital file")
        verbose_name_plural = _("digital files")

    def __str__(self):
        return self.original_name


class Loan(models.Model):
    """A request to borrow an item; approval reserves one copy until it is returned."""

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
        indexes = [models.Index(fields=["status", "return_by"])]
        verbose_name = _("loan")
        verbose_name_plural = _("loans")

    def __str__(self):
        return _("Loan %(pk)s of %(item)s") % {"pk": self.pk, "item": self.item.reference}

    def get_absolute_url(self):
        return reverse("archive:loan_detail", args=[self.pk])

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


class Destruction(models.Model):
    """A proposal to destroy one copy (or the whole item) and, once done, its witnessed record."""

    item = models.ForeignKey(
        Item, on_delete=models.PROTECT, related_name="destructions", verbose_name=_("item")
    )
    copy = models.ForeignKey(
        Copy,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="destructions",
        verbose_name=_("copy"),
        help_text=_("Leave empty to destroy the whole item, every copy and file."),
    )
    reason = models.TextField(_("reason"))
    method = models.CharField(_("method"), max_length=10, choices=DestructionMethod.choices)
    witness = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("witness")
    )
    planned_on = models.DateField(_("planned date"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DestructionStatus.choices,
        default=DestructionStatus.PROPOSED,
    )
    proposed_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("proposed by")
    )
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_comment = models.TextField(_("leader's comment"), blank=True)
    carried_out_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    destroyed_on = models.DateField(_("destroyed on"), null=True, blank=True)
    witness_statement = models.TextField(_("witness statement"), blank=True)
    witness_confirmed_at = models.DateTimeField(_("witness confirmed at"), null=True, blank=True)
    witness_ip = models.GenericIPAddressField(_("witness's IP address"), null=True, blank=True)

    class Meta:
        ordering = ["-proposed_at", "-id"]
        verbose_name = _("destruction")
        verbose_name_plural = _("destructions")

    def __str__(self):
        target = self.copy if self.copy_id else self.item
        return _("Destruction of %(target)s") % {"target": target}

    def get_absolute_url(self):
        return reverse("archive:destruction_detail", args=[self.pk])


class ShelfAudit(models.Model):
    """A periodic audit (定期检查): the records of a collection compared with the shelf."""

    collection = models.ForeignKey(
        Collection, on_delete=models.PROTECT, related_name="audits", verbose_name=_("collection")
    )
    location = models.CharField(
        _("storage location"),
        max_length=120,
        blank=True,
        help_text=_("Leave empty to audit every location of the collection."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=AuditStatus.choices, default=AuditStatus.OPEN
    )
    started_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("started by")
    )
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    completed_by = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("completed by"),
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("shelf audit")
        verbose_name_plural = _("shelf audits")

    def __str__(self):
        where = self.location or _("all locations")
        return _("Audit of %(collection)s (%(where)s) %(date)s") % {
            "collection": self.collection.code,
            "where": where,
            "date": timezone.localdate(self.started_at) if self.started_at else "",
        }

    def get_absolute_url(self):
        return reverse("archive:audit_detail", args=[self.pk])


class AuditLine(models.Model):
    """One copy expected on the shelf, and what the custodian found."""

    audit = models.ForeignKey(
        ShelfAudit, on_delete=models.CASCADE, related_name="lines", verbose_name=_("audit")
    )
    copy = models.ForeignKey(
        Copy, on_delete=models.PROTECT, related_name="audit_lines", verbose_name=_("copy")
    )
    expected_location = models.CharField(_("expected location"), max_length=120)
    result = models.CharField(
        _("result"), max_length=10, choices=AuditResult.choices, default=AuditResult.PENDING
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    checked_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True)

    class Meta:
        ordering = ["audit", "expected_location", "copy__item_id", "copy__number"]
        constraints = [
            models.UniqueConstraint(fields=["audit", "copy"], name="archive_audit_line_once")
        ]
        verbose_name = _("audit line")
        verbose_name_plural = _("audit lines")

    def __str__(self):
        return f"{self.copy} · {self.get_result_display()}"


class Discrepancy(models.Model):
    """A copy found missing, damaged or misplaced; open until the custodian resolves it."""

    line = models.OneToOneField(
        AuditLine, on_delete=models.PROTECT, related_name="discrepancy", verbose_name=_("line")
    )
    copy = models.ForeignKey(
        Copy, on_delete=models.PROTECT, related_name="discrepancies", verbose_name=_("copy")
    )
    kind = models.CharField(_("finding"), max_length=10, choices=AuditResult.choices)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DiscrepancyStatus.choices,
        default=DiscrepancyStatus.OPEN,
    )
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    resolution = models.TextField(_("resolution"), blank=True)
    resolved_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-id"]
        verbose_name = _("discrepancy")
        verbose_name_plural = _("discrepancies")

    def __str__(self):
        return f"{self.copy} · {self.get_kind_display()}"

    def get_absolute_url(self):
        return reverse("archive:discrepancy_list")


class RegisterExport(BackgroundExport):
    """A register too long to render in a request, made in the background for one person.

    Rows are those the requester may see when it is made; the file is private, kept with
    its SHA-256 and downloadable by the requester only until it expires
    (``onsite.exports``).
    """

    class Meta(BackgroundExport.Meta):
        verbose_name = _("register export")
        verbose_name_plural = _("register exports")

    def get_absolute_url(self):
        return reverse("archive:export_list")
