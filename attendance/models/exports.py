"""The monthly attendance file made in the background."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from attendance.choices import (
    ExportFormat,
    ExportScope,
)
from onsite.models import BackgroundExport, Department, Site

User = settings.AUTH_USER_MODEL


class AttendanceExport(BackgroundExport):
    """A month's attendance (PDF or Excel) made in the background for one person.

    Its life cycle (queue, claim, progress, private file with SHA-256, expiry, retry) is the
    core's (``onsite.exports``); the builder is ``attendance.exports``. Only the person who
    asked for it sees and downloads it.
    """

    scope = models.CharField(_("scope"), max_length=12, choices=ExportScope.choices)
    department = models.ForeignKey(Department, null=True, blank=True, on_delete=models.CASCADE)
    site = models.ForeignKey(Site, null=True, blank=True, on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    format = models.CharField(_("format"), max_length=5, choices=ExportFormat.choices)

    class Meta(BackgroundExport.Meta):
        verbose_name = _("attendance export")
        verbose_name_plural = _("attendance exports")

    def __str__(self):
        return f"{self.year}-{self.month:02d} {self.get_scope_display()} {self.format}"

    def get_absolute_url(self):
        return reverse("attendance:exports")
