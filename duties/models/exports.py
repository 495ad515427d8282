"""Files of the duties app made in the background (``onsite.exports``)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from onsite.models import BackgroundExport


class DutiesExport(BackgroundExport):
    """A list made for one person in the background (the receipts of a document): the rows
    they may see when it is made, private, with its SHA-256, until it expires."""

    class Meta(BackgroundExport.Meta):
        verbose_name = _("duties export")
        verbose_name_plural = _("duties exports")

    def get_absolute_url(self):
        return reverse("duties:export_list")
