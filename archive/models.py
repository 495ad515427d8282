"""Models of the confidential A/V archive."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

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

    class Meta:
        ordering = ["code"]
        verbose_name = _("archive collection")
        verbose_name_plural = _("archive collections")

    def __str__(self):
        return self.name
