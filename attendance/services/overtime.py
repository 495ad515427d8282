"""Overtime: asked for in advance, approved by the supervisor, then approved and filed by HR.

Every move is one call of ``OVERTIME_FLOW`` (``onsite.workflow``): the rule, the row lock,
the state, the audit entry and the outbox rows of the notifications in one transaction.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from attendance.choices import (
    OVERTIME_APPROVED,
    OVERTIME_FLOW,
    Compensation,
    DayKind,
    OvertimeKind,
    OvertimeStatus,
)
from attendance.days import Period
from attendance.deciders import deciding
from attendance.models import AttendanceRecord, OvertimeRequest
from attendance.services.common import (
    User,
    aware,
    deciders_to_tell,
    hr_people,
    refuse_without_decider,
)
from onsite import audit
from onsite.names import display_name
from onsite.notifications import notify
from onsite.permissions import may
from onsite.workflow import WorkflowError, lock


def classify(day_kind):
    """The overtime type of a day (by the person's site schedule and the holiday calendar).

    Enforces R2.3-overtime-day-kind.
    """
    if day_kind == DayKind.HOLIDAY:
        return OvertimeKind.HOLIDAY
    if day_kind in DayKind.working():
        return OvertimeKind.WORKDAY
    return OvertimeKind.REST_DAY


def classify_day(user, day, site):
    """(overtime type, derived Day) of ``day`` for ``user`` at ``site``; refuses other sites.

    Enforces R2.3-overtime-day-kind.
    """
    period = Period([user.pk], day, day)
    assignment = period.assignment_on(user.pk, day)
    if assignment is None or assignment.site_id != site.pk:
        raise WorkflowError(
            _("On %(date)s you are not assigned to %(site)s.") % {"date": day, "site": site.name}
        )
    derived = period.day(user.pk, day)
    return classify(derived.kind), derived


def _check_request(user, date, start_time, end_time, site, reason, compensation):
    """The overtime type of a well-formed request, or WorkflowError saying what is wrong.

    Enforces R2.3-overtime-day-kind.
    """
    if end_time <= start_time:
        raise WorkflowError(_("The end must be after the start."))
    if not (reason or "").strip():
        raise WorkflowError(_("Say why the overtime is needed."))
    kind, derived = classify_day(user, date, site)
    if kind == OvertimeKind.WORKDAY:
        schedule = derived.schedule
        if start_time < schedule.end_time and end_time > schedule.start_time:
            raise WorkflowError(
                _("On a working day overtime must lie outside the hours %(start)s–%(end)s.")
                % {
                    "start": schedule.start_time.strftime("%H:%M"),
                    "end": schedule.end_time.strftime("%H:%M"),
                }
            )
    if compensation == Compensation.LEAVE and kind != OvertimeKind.REST_DAY:
        raise WorkflowError(_("Only rest-day overtime can be taken as compensatory leave."))
    return kind


def _new_request(user, date, start_time, end_time, **fields):
    """The unsaved request, unless it overlaps one of the person's (their row is locked)."""
    clash = OvertimeRequest.objects.filter(
        user=user, date=date, start_time__lt=end_time, end_time__gt=start_time
    ).exclude(status__in=[OvertimeStatus.CANCELLED, OvertimeStatus.REJECTED])
    if clash.exists():
        raise WorkflowError(_("You already asked for overtime overlapping these hours."))
    minutes = (aware(date, end_time) - aware(date, start_time)).total_seconds() // 60
    return OvertimeRequest(
        user=user,
        date=date,
        start_time=start_time,
        end_time=end_time,
        planned_minutes=int(minutes),
        **fields,
    )


def _tell_supervisors(request):
    notify(
        deciders_to_tell(request.user),
        gettext_lazy("Overtime of %(name)s on %(date)s waits for your approval"),
        gettext_lazy("Asked late: %(late)s") if request.submitted_late else "",
        request.get_absolute_url(),
        {
            "name": display_name(request.user),
            "date": request.date.isoformat(),
            "late": request.late_reason,
        },
    )


def submit_overtime(
    user,
    *,
    date,
    start_time,
    end_time,
    site,
    reason,
    compensation=Compensation.PAY,
    late_reason="",
    now=None,
):
    """Ask for overtime (for oneself only). Asking after it started needs a late reason.

    Enforces R2.3-overtime-in-advance, R2.3-overtime-day-kind.
    """
    now = now or timezone.now()
    kind = _check_request(user, date, start_time, end_time, site, reason, compensation)
    late = now >= aware(date, start_time)
    late_reason = (late_reason or "").strip() if late else ""
    if late and not late_reason:
        raise WorkflowError(
            _(
                "This overtime has already started: overtime must be asked for in advance, "
                "so give the reason for asking late."
            )
        )
    fields = {
        "site": site,
        "kind": kind,
        "compensation": compensation,
        "reason": reason.strip(),
        "submitted_late": late,
        "late_reason": late_reason,
    }

    def build():
        refuse_without_decider(user)
        return _new_request(user, date, start_time, end_time, **fields)

    # One request of a person at a time (their user row is locked): overlaps checked safely.
    return OVERTIME_FLOW.create(
        user,
        "submit",
        lock_first=[(User, user.pk)],
        build=build,
        comment=late_reason,
        notify=_tell_supervisors,
    )


@OVERTIME_FLOW.implements("approve")
def approve_overtime(actor, request, comment=""):
    """The supervisor (their deputy, the parent department's supervisor, else HR) approves;
    HR is asked to approve and file.

    Enforces R2.3-overtime-supervisor-approval.
    """

    def tell(request):
        params = {"name": display_name(request.user), "date": request.date.isoformat()}
        notify(
            hr_people(exclude=request.user),
            gettext_lazy("Overtime of %(name)s on %(date)s waits for HR filing"),
            "",
            request.get_absolute_url(),
            params,
        )
        notify(
            request.user,
            gettext_lazy("Your overtime on %(date)s was approved by your supervisor"),
            "",
            request.get_absolute_url(),
            params,
        )

    with deciding(actor, request):
        return OVERTIME_FLOW.run(actor, request, "approve", comment=comment, notify=tell)


@OVERTIME_FLOW.implements("reject")
def reject_overtime(actor, request, comment=""):
    """Enforces R2.3-overtime-supervisor-approval."""
    with deciding(actor, request):
        return OVERTIME_FLOW.run(actor, request, "reject", comment=comment, notify=_tell_rejected)


@OVERTIME_FLOW.implements("file")
def file_overtime(actor, request, comment=""):
    """HR approves and files (备案) overtime the supervisor approved.

    Enforces R2.3-overtime-hr-filing.
    """

    def tell(request):
        notify(
            request.user,
            gettext_lazy("Your overtime on %(date)s was approved and filed by HR"),
            "",
            request.get_absolute_url(),
            {"date": request.date.isoformat()},
        )

    return OVERTIME_FLOW.run(actor, request, "file", comment=comment, notify=tell)


@OVERTIME_FLOW.implements("hr_reject")
def hr_reject_overtime(actor, request, comment=""):
    """Enforces R2.3-overtime-hr-filing."""
    return OVERTIME_FLOW.run(actor, request, "hr_reject", comment=comment, notify=_tell_rejected)


def _tell_rejected(request):
    notify(
        request.user,
        gettext_lazy("Your overtime on %(date)s was rejected"),
        gettext_lazy("Reason: %(reason)s"),
        request.get_absolute_url(),
        {"date": request.date.isoformat(), "reason": request.decision_comment},
    )


@OVERTIME_FLOW.implements("cancel")
def cancel_overtime(actor, request, comment=""):
    """The applicant withdraws a request until HR has filed it; whoever waits is told."""
    waiting = []

    def remember(request):
        was = request.status
        waiting.extend(
            deciders_to_tell(request.user) if was == OvertimeStatus.SUBMITTED else hr_people()
        )

    def tell(request):
        notify(
            waiting,
            gettext_lazy("%(name)s withdrew the overtime request for %(date)s"),
            "",
            request.get_absolute_url(),
            {"name": display_name(request.user), "date": request.date.isoformat()},
        )

    return OVERTIME_FLOW.run(
        actor, request, "cancel", comment=comment, change=remember, notify=tell
    )


# --- Actual hours (a fact recorded on the request, not a move of its status) -------------
def suggested_minutes(request, record=None):
    """Actual overtime minutes suggested from the day's check-in/out, else the planned ones."""
    if record is None:
        record = AttendanceRecord.objects.filter(user_id=request.user_id, date=request.date).first()
    if record is None or record.check_out_at is None:
        return request.planned_minutes
    if request.kind == OvertimeKind.WORKDAY:
        start = max(record.check_in_at, aware(request.date, request.start_time))
        end = min(record.check_out_at, aware(request.date, request.end_time))
        return max(0, int((end - start).total_seconds() // 60))
    return record.worked_minutes


def hours_refusal(actor, request, now=None):
    """Why ``actor`` cannot confirm the hours of ``request`` now, or None if they can.

    ``PermissionDenied`` if the rule refuses the person, else a message: the overtime must
    be approved and over. The page offers the confirmation exactly when this is None.
    """
    if not may(actor, "attendance.confirm_hours", request):
        return PermissionDenied("attendance.confirm_hours")
    if request.status not in OVERTIME_APPROVED:
        return _("Only approved overtime has hours to confirm.")
    end = aware(request.date, request.end_time)
    if (now or timezone.now()) < end:
        return _(
            "The hours can be confirmed once the overtime has ended (after %(end)s); until "
            "then it is not counted as worked."
        ) % {"end": timezone.localtime(end).strftime("%Y-%m-%d %H:%M")}
    return None


def _refuse_unless_allowed(actor, request, now):
    reason = hours_refusal(actor, request, now)
    if isinstance(reason, PermissionDenied):
        raise reason
    if reason:
        raise WorkflowError(reason)


def confirm_overtime_hours(actor, request, minutes, *, now=None):
    """After the overtime, its applicant (or supervisor) confirms the minutes actually worked.

    Not a move of the request's status: the minutes are a fact recorded on it, audited.
    """
    now = now or timezone.now()
    if minutes is None or minutes < 0 or minutes > 24 * 60:
        raise WorkflowError(_("Give the minutes worked, between 0 and 1440."))
    _refuse_unless_allowed(actor, request, now)
    with transaction.atomic():
        try:
            request = lock(OvertimeRequest, request.pk)
        except OvertimeRequest.DoesNotExist:
            raise WorkflowError(_("This no longer exists.")) from None
        _refuse_unless_allowed(actor, request, now)
        before = request.actual_minutes
        request.actual_minutes = minutes
        request.actual_confirmed_by = actor
        request.actual_confirmed_at = now
        request.save(update_fields=["actual_minutes", "actual_confirmed_by", "actual_confirmed_at"])
        audit.record(
            actor,
            "attendance.overtime.confirm_hours",
            request,
            from_state="" if before is None else str(before),
            to_state=str(minutes),
        )
    return request
