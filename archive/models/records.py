"""Destruction, shelf audits and their discrepancies, and the registers' exports."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from archive.choices import (
    AuditResult,
    AuditStatus,
    DestructionMethod,
    DestructionStatus,
    DiscrepancyKind,
    DiscrepancyStatus,
)
from archive.models.items import Collection, Copy, Item, ItemFile
from onsite.models import BackgroundExport

User = settings.AUTH_USER_MODEL


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
    """Something found wrong, open until the custodian resolves it in writing: a copy found
    missing, damaged or misplaced by a shelf audit (``line``, ``copy``), or a stored file
    altered or missing found by the integrity sweep or a download (``item_file``)."""

    item = models.ForeignKey(
        Item, on_delete=models.PROTECT, related_name="discrepancies", verbose_name=_("item")
    )
    line = models.OneToOneField(
        AuditLine,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="discrepancy",
        verbose_name=_("line"),
    )
    copy = models.ForeignKey(
        Copy,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="discrepancies",
        verbose_name=_("copy"),
    )
    item_file = models.ForeignKey(
        ItemFile,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="discrepancies",
        verbose_name=_("stored file"),
    )
    kind = models.CharField(_("finding"), max_length=10, choices=DiscrepancyKind.choices)
    detail = models.CharField(_("detail"), max_length=200, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DiscrepancyStatus.choices,
        default=DiscrepancyStatus.OPEN,
    )
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    resolution = models.TextField(_("resolution"), blank=True)
    resolved_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["item_file"],
                condition=Q(status=DiscrepancyStatus.OPEN, item_file__isnull=False),
                name="archive_one_open_file_discrepancy",
            ),
            models.CheckConstraint(
                condition=Q(copy__isnull=False) | Q(item_file__isnull=False),
                name="archive_discrepancy_about_something",
            ),
        ]
        indexes = [models.Index(fields=["status", "opened_at"])]
        verbose_name = _("discrepancy")
        verbose_name_plural = _("discrepancies")

    def __str__(self):
        about = self.copy if self.copy_id else self.item_file
        return f"{about} · {self.get_kind_display()}"

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
