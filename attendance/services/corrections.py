"""Missed-punch corrections (补卡): a person who forgot to check in or out asks for the time
with a reason, within a deadline (``ATTENDANCE_CORRECTION_WORKING_DAYS`` working days) and a
monthly number HR sets; their decider approves. Approved, the day's status is derived again
with it and shown as corrected everywhere (``attendance.days``); no punch is ever written.

Every move is one call of ``CORRECTION_FLOW`` (``onsite.workflow``).
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from attendance.choices import CORRECTION_ACTIVE, CORRECTION_FLOW, CorrectionStatus, PunchKind
from attendance.conf import conf
from attendance.days import Period
from attendance.deciders import deciding
from attendance.holidays import nth_working_day_after
from attendance.models import AttendancePolicy, AttendanceRecord, PunchCorrection
from attendance.services.common import User, aware, deciders_to_tell, refuse_without_decider
from onsite import audit
from onsite.names import display_name
from onsite.notifications import notify
from onsite.permissions import require
from onsite.workflow import WorkflowError


def _hm(moment):
    return timezone.localtime(moment).strftime("%H:%M")


def deadline_of(day):
    """The last day a missed punch of ``day`` may be corrected."""
    return nth_working_day_after(day, conf.CORRECTION_WORKING_DAYS)


def _check_timing(user, day, time, now):
    """Enforces R2.1-strict-attendance: only a missed punch of the past, asked in time."""
    if aware(day, time) > now:
        raise WorkflowError(_("A correction is for a punch that was missed, not one to come."))
    deadline = deadline_of(day)
    if timezone.localdate(now) > deadline:
        raise WorkflowError(
            _(
                "A missed punch of %(date)s could be corrected until %(deadline)s "
                "(%(days)d working days after it)."
            )
            % {"date": day, "deadline": deadline, "days": conf.CORRECTION_WORKING_DAYS}
        )
    if Period([user.pk], day, day).assignment_on(user.pk, day) is None:
        raise WorkflowError(
            _("On %(date)s you were not assigned to any client site.") % {"date": day}
        )


def _check_punch(user, day, kind, moment, active):
    """The missed punch must really be missing (or later than the corrected time)."""
    record = AttendanceRecord.objects.filter(user=user, date=day).first()
    if active.filter(date=day, kind=kind).exists():
        raise WorkflowError(_("You already asked to correct this punch."))
    if kind == PunchKind.CHECK_IN:
        if record and record.check_in_at <= moment:
            raise WorkflowError(
                _("You checked in at %(time)s that day: there is nothing to correct.")
                % {"time": _hm(record.check_in_at)}
            )
        if record and record.check_out_at and moment >= record.check_out_at:
            raise WorkflowError(_("The check-in must be before the check-out."))
        return
    if record and record.check_out_at:
        raise WorkflowError(
            _("You checked out at %(time)s that day: there is nothing to correct.")
            % {"time": _hm(record.check_out_at)}
        )
    asked_in = active.filter(date=day, kind=PunchKind.CHECK_IN).first()
    start = record.check_in_at if record else asked_in.moment if asked_in else None
    if start is None:
        raise WorkflowError(_("That day has no check-in: ask to correct the check-in first."))
    if moment <= start:
        raise WorkflowError(
            _("The check-out must be after the check-in (%(time)s).") % {"time": _hm(start)}
        )


def _check_monthly_limit(day, active):
    limit = AttendancePolicy.current().corrections_per_month
    used = active.filter(date__year=day.year, date__month=day.month).count()
    if used >= limit:
        raise WorkflowError(
            _(
                "You have already asked for %(used)d correction(s) in %(month)s; "
                "HR allows %(limit)d a month."
            )
            % {"used": used, "month": f"{day:%Y-%m}", "limit": limit}
        )


def submit_correction(user, *, date, kind, time, reason, now=None):
    """Ask to correct a missed check-in or check-out (for oneself only).

    Enforces R2.1-strict-attendance.
    """
    now = now or timezone.now()
    reason = (reason or "").strip()
    if not reason:
        raise WorkflowError(_("Say why the punch was missed."))
    if kind not in PunchKind.values:
        raise WorkflowError(_("Choose the check-in or the check-out."))
    _check_timing(user, date, time, now)
    moment = aware(date, time)

    def build():
        refuse_without_decider(user)
        active = PunchCorrection.objects.filter(user=user, status__in=CORRECTION_ACTIVE)
        _check_punch(user, date, kind, moment, active)
        _check_monthly_limit(date, active)
        return PunchCorrection(user=user, date=date, kind=kind, time=time, reason=reason)

    def tell(correction):
        notify(
            deciders_to_tell(user),
            gettext_lazy("Missed-punch correction of %(name)s for %(date)s waits for you"),
            "",
            correction.get_absolute_url(),
            {"name": display_name(user), "date": date.isoformat()},
        )

    try:
        # The person's row is locked: their corrections queue up (limit and duplicates).
        return CORRECTION_FLOW.create(
            user, "submit", lock_first=[(User, user.pk)], build=build, notify=tell
        )
    except IntegrityError:
        raise WorkflowError(_("You already asked to correct this punch.")) from None


def _tell_decided(correction):
    approved = correction.status == CorrectionStatus.APPROVED
    notify(
        correction.user,
        gettext_lazy("Your missed-punch correction for %(date)s was approved")
        if approved
        else gettext_lazy("Your missed-punch correction for %(date)s was rejected"),
        gettext_lazy("Comment: %(comment)s") if correction.decision_comment else "",
        correction.get_absolute_url(),
        {"date": correction.date.isoformat(), "comment": correction.decision_comment},
    )


@CORRECTION_FLOW.implements("approve")
def approve_correction(actor, correction, comment=""):
    """The decider approves: the day is derived again with the corrected time.

    Enforces R2.1-strict-attendance.
    """
    with deciding(actor, correction):
        return CORRECTION_FLOW.run(
            actor, correction, "approve", comment=comment, notify=_tell_decided
        )


@CORRECTION_FLOW.implements("reject")
def reject_correction(actor, correction, comment=""):
    """Enforces R2.1-strict-attendance."""
    with deciding(actor, correction):
        return CORRECTION_FLOW.run(
            actor, correction, "reject", comment=comment, notify=_tell_decided
        )


@CORRECTION_FLOW.implements("cancel")
def cancel_correction(actor, correction, comment=""):
    """The applicant withdraws a correction nobody has decided yet."""

    def tell(correction):
        notify(
            deciders_to_tell(correction.user),
            gettext_lazy("%(name)s withdrew the missed-punch correction for %(date)s"),
            "",
            correction.get_absolute_url(),
            {"name": display_name(correction.user), "date": correction.date.isoformat()},
        )

    return CORRECTION_FLOW.run(actor, correction, "cancel", comment=comment, notify=tell)


def set_corrections_per_month(actor, number):
    """HR sets how many missed punches one person may correct a month (audited)."""
    require(actor, "attendance.manage_policy")
    if number is None or not 0 <= number <= 31:
        raise WorkflowError(_("Give a number between 0 and 31."))
    with transaction.atomic():
        policy = AttendancePolicy.objects.select_for_update().first()
        before = policy.corrections_per_month if policy else None
        if policy is None:
            policy = AttendancePolicy(corrections_per_month=number)
        policy.corrections_per_month = number
        policy.save()
        audit.record(
            actor,
            "attendance.policy.change",
            policy,
            from_state="" if before is None else str(before),
            to_state=str(number),
            comment="corrections_per_month",
        )
    return policy
