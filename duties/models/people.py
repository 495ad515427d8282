"""What a person holds or asks for: company property in custody (with both signatures at
every change of hands) and requests a vice president decides."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from duties.choices import (
    CustodyStatus,
    PropertyCondition,
    PropertyKind,
    SignatureMoment,
    SignatureSide,
    VPRequestKind,
    VPRequestStatus,
)
from duties.models.work import stamp
from onsite.choices import SignatureMethod
from onsite.names import display_name

User = settings.AUTH_USER_MODEL


class PropertyItem(models.Model):
    """A piece of company property (laptop, phone, tool kit, badge…) kept in a register."""

    asset_no = models.CharField(_("asset number"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=12, choices=PropertyKind.choices)
    description = models.TextField(_("description"), blank=True)
    registered_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("registered by")
    )
    registered_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        ordering = ["asset_no"]
        verbose_name = _("company property")
        verbose_name_plural = _("company property")

    def __str__(self):
        return f"{self.asset_no} {self.name}"

    def get_absolute_url(self):
        return reverse("duties:property_detail", args=[self.pk])


class Custody(models.Model):
    """A property item in one person's custody: handed over, then returned or transferred.

    At most one custody of an item is open at a time (a partial unique constraint).
    """

    item = models.ForeignKey(
        PropertyItem, on_delete=models.PROTECT, related_name="custodies", verbose_name=_("item")
    )
    holder = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="custodies", verbose_name=_("holder")
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=CustodyStatus.choices,
        default=CustodyStatus.HANDED_OVER,
    )
    handed_over_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("handed over by")
    )
    handed_over_at = models.DateTimeField(_("handed over at"))
    condition_out = models.CharField(
        _("condition when handed over"), max_length=12, choices=PropertyCondition.choices
    )
    note_out = models.TextField(_("note at hand-over"), blank=True)
    closed_by, closed_at = stamp(_("recorded by"), _("ended at"))
    condition_in = models.CharField(
        _("condition when given back"), max_length=12, choices=PropertyCondition.choices, blank=True
    )
    note_in = models.TextField(_("note at the end"), blank=True)
    previous = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next",
        verbose_name=_("transferred from"),
    )

    class Meta:
        ordering = ["-handed_over_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["item"],
                condition=Q(status=CustodyStatus.HANDED_OVER),
                name="duties_one_holder_at_a_time",
            )
        ]
        verbose_name = _("custody")
        verbose_name_plural = _("custodies")

    def __str__(self):
        return _("%(item)s held by %(name)s") % {
            "item": self.item,
            "name": display_name(self.holder),
        }

    def get_absolute_url(self):
        return reverse("duties:custody_detail", args=[self.pk])


class CustodySignature(models.Model):
    """A signature at a change of hands: drawn (PNG) or a re-entered password, time and IP."""

    custody = models.ForeignKey(
        Custody, on_delete=models.CASCADE, related_name="signatures", verbose_name=_("custody")
    )
    moment = models.CharField(_("moment"), max_length=10, choices=SignatureMoment.choices)
    side = models.CharField(_("side"), max_length=10, choices=SignatureSide.choices)
    signer = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("signer")
    )
    method = models.CharField(_("how signed"), max_length=10, choices=SignatureMethod.choices)
    image = models.BinaryField(_("drawn signature"), null=True, blank=True)
    signed_at = models.DateTimeField(_("signed at"))
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        ordering = ["signed_at", "id"]
        verbose_name = _("custody signature")
        verbose_name_plural = _("custody signatures")

    def __str__(self):
        return f"{self.get_moment_display()} · {display_name(self.signer)}"


class VPRequest(models.Model):
    """A request the regulation reserves for a vice president (e.g. a higher communication
    allowance): the person explains, the supervisor states, the VP approves or rejects."""

    applicant = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="vp_requests", verbose_name=_("applicant")
    )
    kind = models.CharField(
        _("kind"),
        max_length=15,
        choices=VPRequestKind.choices,
        default=VPRequestKind.COMMUNICATION,
    )
    title = models.CharField(_("subject"), max_length=200)
    explanation = models.TextField(_("explanation"))
    current_amount = models.DecimalField(
        _("current monthly amount (yuan)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    requested_amount = models.DecimalField(
        _("requested monthly amount (yuan)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=VPRequestStatus.choices,
        default=VPRequestStatus.SUBMITTED,
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    supervisor_statement = models.TextField(_("supervisor's statement"), blank=True)
    stated_by, stated_at = stamp(_("stated by"), _("stated at"))
    decision_comment = models.TextField(_("vice president's comment"), blank=True)
    decided_by, decided_at = stamp(_("decided by"), _("decided at"))

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("request to a vice president")
        verbose_name_plural = _("requests to a vice president")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("duties:vp_request_detail", args=[self.pk])
