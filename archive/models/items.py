"""Collections, grants, items, their copies and stored files, and who downloaded what."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from guardian.models import UserObjectPermissionBase

from archive.choices import (
    DEFAULT_AUDIT_INTERVAL_DAYS,
    DEFAULT_DISCREPANCY_DAYS,
    Condition,
    CopyStatus,
    FileCheck,
    ItemStatus,
    Medium,
    classification_label,
)
from archive.models.paths import item_file_path
from archive.storage import private_storage
from onsite.names import display_name

User = settings.AUTH_USER_MODEL


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
    direct_download_level = models.PositiveSmallIntegerField(
        _("direct download up to"),
        default=0,
        help_text=_(
            "Files of items at or below this classification may be downloaded by anyone who "
            "sees the item; above it only within a digital loan."
        ),
    )
    discrepancy_remind_days = models.PositiveIntegerField(
        _("remind of open discrepancies after (days)"),
        default=DEFAULT_DISCREPANCY_DAYS,
        help_text=_("A discrepancy open longer than this is reminded to the custodians."),
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
    code = models.CharField(
        _("label code"),
        max_length=40,
        unique=True,
        help_text=_("Printed as a QR code on the copy's label; scanned or typed at hand-over."),
    )
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

    @staticmethod
    def make_code(item, number):
        """The label code of copy ``number`` of ``item``: its reference and number."""
        return f"{item.reference}-{number}"

    @staticmethod
    def normalise(code):
        """A scanned or typed code as stored codes are compared (case and spaces ignored)."""
        return "".join((code or "").split()).upper()


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
    verified_at = models.DateTimeField(_("last verified"), null=True, blank=True)
    last_check = models.CharField(
        _("last check"), max_length=10, choices=FileCheck.choices, blank=True
    )

    class Meta:
        ordering = ["item", "uploaded_at"]
        indexes = [models.Index(fields=["verified_at", "id"], name="archive_file_verified")]
        verbose_name = _("digital file")
        verbose_name_plural = _("digital files")

    def __str__(self):
        return self.original_name


class ItemGrant(UserObjectPermissionBase):
    """A single-item grant (need-to-know): one named person may see one item outside
    their collection grant, from ``starts_at`` until ``ends_at``, for a written reason.

    A django-guardian object permission (``archive.view_item`` on the item, a direct
    foreign key) with its window and reason. The items' scope reads it inside the list
    query; once the window is over the row is removed (``services.grants``) and the audit
    trail keeps what was granted, to whom, why and until when.
    """

    content_object = models.ForeignKey(
        Item, on_delete=models.CASCADE, related_name="person_grants", verbose_name=_("item")
    )
    reason = models.TextField(_("reason"))
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    granted_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("granted by")
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    class Meta(UserObjectPermissionBase.Meta):
        ordering = ["ends_at", "id"]
        indexes = [models.Index(fields=["user", "ends_at"], name="archive_grant_user_window")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="archive_grant_window"
            )
        ]
        verbose_name = _("single-item grant")
        verbose_name_plural = _("single-item grants")

    def __str__(self):
        return f"{self.content_object} · {display_name(self.user)}"

    @property
    def item(self):
        return self.content_object


class FileDownload(models.Model):
    """One download of a stored file: who, when, from where, the digest served and the
    digital loan it was made under (none for a direct download)."""

    item_file = models.ForeignKey(
        ItemFile, on_delete=models.PROTECT, related_name="downloads", verbose_name=_("file")
    )
    item = models.ForeignKey(
        Item, on_delete=models.PROTECT, related_name="downloads", verbose_name=_("item")
    )
    loan = models.ForeignKey(
        "archive.Loan",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="downloads",
        verbose_name=_("digital loan"),
    )
    user = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("downloaded by")
    )
    downloaded_at = models.DateTimeField(_("downloaded at"))
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    file_name = models.CharField(_("file name given"), max_length=255)

    class Meta:
        ordering = ["-downloaded_at", "-id"]
        indexes = [models.Index(fields=["item", "downloaded_at"])]
        verbose_name = _("download")
        verbose_name_plural = _("downloads")

    def __str__(self):
        return f"{self.file_name} · {self.user}"
