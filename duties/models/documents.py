"""Company documents and items sent to people, and each recipient's receipt (文件签收)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from duties.choices import DocumentKind, DocumentStatus, ReceiptStatus, classification_label
from duties.models.files import StoredFile
from onsite.models import Department, Site

User = settings.AUTH_USER_MODEL


class CompanyDocument(StoredFile):
    """A document (text, attachment, classification) or an item the company sends to people.

    Addressed to people, departments or sites; each person reached gets a ``Receipt`` when
    it is sent (and is asked again when it is revised). ``revision`` counts the versions.
    """

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=10, choices=DocumentKind.choices, default=DocumentKind.DOCUMENT
    )
    body = models.TextField(_("text"), blank=True)
    classification = models.PositiveSmallIntegerField(_("classification"), default=0)
    sender = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="sent_documents", verbose_name=_("sender")
    )
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    deadline = models.DateTimeField(_("answer by"))
    revision = models.PositiveIntegerField(_("revision"), default=1)
    revised_at = models.DateTimeField(_("revised at"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=DocumentStatus.choices, default=DocumentStatus.SENT
    )
    departments = models.ManyToManyField(
        Department, blank=True, related_name="+", verbose_name=_("departments")
    )
    sites = models.ManyToManyField(
        Site, blank=True, related_name="duty_documents", verbose_name=_("client sites")
    )

    class Meta:
        ordering = ["-sent_at", "-id"]
        indexes = [models.Index(fields=["status", "deadline"], name="duties_doc_deadline")]
        verbose_name = _("company document")
        verbose_name_plural = _("company documents")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("duties:document_detail", args=[self.pk])

    @property
    def classification_label(self):
        return classification_label(self.classification)


class Receipt(models.Model):
    """One recipient's signature and answer to one document (for its current revision)."""

    document = models.ForeignKey(
        CompanyDocument,
        on_delete=models.CASCADE,
        related_name="receipts",
        verbose_name=_("document"),
    )
    recipient = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        related_name="document_receipts",
        verbose_name=_("recipient"),
    )
    revision = models.PositiveIntegerField(_("revision"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=ReceiptStatus.choices, default=ReceiptStatus.SENT
    )
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answer_note = models.TextField(_("note"), blank=True)
    explanation = models.TextField(_("written explanation"), blank=True)
    reply = models.TextField(_("reply"), blank=True)
    replied_by = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("replied by"),
    )
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    deemed_at = models.DateTimeField(_("deemed accepted at"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["document", "recipient"], name="duties_receipt_once")
        ]
        indexes = [
            models.Index(fields=["recipient", "status"], name="duties_receipt_mine"),
            models.Index(fields=["document", "status"], name="duties_receipt_doc"),
            models.Index(fields=["status"], name="duties_receipt_status"),
        ]
        verbose_name = _("document receipt")
        verbose_name_plural = _("document receipts")

    def __str__(self):
        from onsite.names import display_name

        return f"{self.document} · {display_name(self.recipient)}"

    def get_absolute_url(self):
        return reverse("duties:receipt_detail", args=[self.pk])
