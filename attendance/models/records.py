"""What happened on a day: check-ins and check-outs."""

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from attendance.choices import CorrectionStatus, PunchKind
from onsite.models import Site

User = settings.AUTH_USER_MODEL


class AttendanceRecord(models.Model):
    """One person's check-in and check-out of one day, with where they came from."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("staff member")
    )
    date = models.DateField(_("date"))
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="+", verbose_name=_("client site")
    )
    check_in_at = models.DateTimeField(_("checked in"))
    check_in_ip = models.GenericIPAddressField(_("check-in IP"), null=True, blank=True)
    check_in_agent = models.CharField(_("check-in browser"), max_length=300, blank=True)
    check_in_lat = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    check_in_lng = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    check_out_at = models.DateTimeField(_("checked out"), null=True, blank=True)
    check_out_ip = models.GenericIPAddressField(_("check-out IP"), null=True, blank=True)
    check_out_agent = models.CharField(_("check-out browser"), max_length=300, blank=True)
    check_out_lat = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    check_out_lng = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)

    class Meta:
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["user", "date"], name="one_check_in_per_day"),
            models.CheckConstraint(
                condition=Q(check_out_at__isnull=True) | Q(check_out_at__gt=F("check_in_at")),
                name="check_out_after_check_in",
            ),
        ]
        verbose_name = _("attendance record")
        verbose_name_plural = _("attendance records")

    def __str__(self):
        return f"{self.user} {self.date}"

    @property
    def worked_minutes(self):
        if not self.check_out_at:
            return 0
        return int((self.check_out_at - self.check_in_at).total_seconds() // 60)


class PunchCorrection(models.Model):
    """A missed check-in or check-out (补卡): the person asks, their decider approves.

    An approved correction is never turned into a punch: the day's status is derived again
    with it (``attendance.days``) and every report shows the day as corrected.
    """

    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="punch_corrections",
        verbose_name=_("applicant"),
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("missed punch"), max_length=10, choices=PunchKind.choices)
    time = models.TimeField(_("time"))
    reason = models.TextField(_("reason"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CorrectionStatus.choices,
        default=CorrectionStatus.SUBMITTED,
    )
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_comment = models.TextField(_("decision comment"), blank=True)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["user", "date"]), models.Index(fields=["status"])]
        constraints = [
            # One active correction per missed punch, even when two requests race.
            models.UniqueConstraint(
                fields=["user", "date", "kind"],
                condition=Q(status__in=["submitted", "approved"]),
                name="one_active_correction_per_punch",
            )
        ]
        verbose_name = _("missed-punch correction")
        verbose_name_plural = _("missed-punch corrections")

    def __str__(self):
        return f"{self.date} {self.get_kind_display()} {self.time:%H:%M}"

    def get_absolute_url(self):
        return reverse("attendance:correction_detail", args=[self.pk])

    @property
    def moment(self):
        """The corrected punch as an aware datetime in the project's time zone."""
        return timezone.make_aware(datetime.combine(self.date, self.time))
