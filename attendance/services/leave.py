"""Leave: balances, requests decided by the supervisor, withdrawal; HR's leave types and
personal allowances.

Every move of a request is one call of ``LEAVE_FLOW`` (``onsite.workflow``).
"""

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from attendance.choices import (
    LEAVE_COUNTED,
    LEAVE_FLOW,
    HalfDay,
    LeaveStatus,
)
from attendance.days import working_days_of_leave
from attendance.deciders import deciding
from attendance.models import LeaveAllowance, LeaveRequest, LeaveType
from attendance.services.common import User, deciders_to_tell, refuse_without_decider
from onsite import audit
from onsite.names import display_name
from onsite.notifications import notify
from onsite.permissions import require
from onsite.workflow import WorkflowError


# --- Balances -------------------------------------------------------------------------
def comp_leave_balance(user, until=None):
    """Days of compensatory leave earned by filed rest-day overtime whose hours are confirmed,
    minus those taken (approved overtime not yet worked earns nothing yet).

    Enforces R2.3-leave-by-company-policy.
    """
    from attendance.summary import comp_balances

    return comp_balances([user.pk], until)[user.pk]


def leave_balance(user, leave_type, year):
    """Days left of a leave type in a year (pending requests count as taken).

    Enforces R2.3-leave-by-company-policy.
    """
    if leave_type.is_compensatory:
        return comp_leave_balance(user)
    return allowance_of(user, leave_type, year) - days_taken(user, leave_type, year)


def leave_balances(user, year):
    """(leave type, days left) of every active leave type in a year, as ``leave_balance``
    counts them, in four queries whatever the number of types."""
    from attendance.summary import comp_balances

    types = list(LeaveType.objects.filter(is_active=True))
    own = dict(
        LeaveAllowance.objects.filter(user=user, year=year).values_list("leave_type_id", "days")
    )
    taken = dict(
        LeaveRequest.objects.filter(user=user, status__in=LEAVE_COUNTED, start_date__year=year)
        .values("leave_type_id")
        .annotate(total=Sum("days"))
        .values_list("leave_type_id", "total")
    )
    comp = None
    if any(t.is_compensatory for t in types):
        comp = comp_balances([user.pk], None)[user.pk]
    return [
        (
            t,
            comp
            if t.is_compensatory
            else own.get(t.pk, t.yearly_allowance) - (taken.get(t.pk) or 0),
        )
        for t in types
    ]


def allowance_of(user, leave_type, year):
    """The person's own allowance for the year if HR set one, else the type's default.

    Enforces R2.3-leave-by-company-policy.
    """
    own = LeaveAllowance.objects.filter(user=user, leave_type=leave_type, year=year).first()
    return own.days if own else leave_type.yearly_allowance


def days_taken(user, leave_type, year):
    return (
        LeaveRequest.objects.filter(
            user=user, leave_type=leave_type, status__in=LEAVE_COUNTED, start_date__year=year
        ).aggregate(total=Sum("days"))["total"]
        or 0
    )


# --- Requests -------------------------------------------------------------------------
def _check_request(user, leave_type, start_date, start_half, end_date, end_half, reason):
    """The working days of a well-formed request, or WorkflowError saying what is wrong."""
    if (end_date, end_half) < (start_date, start_half) or (
        start_date == end_date and start_half == HalfDay.PM and end_half == HalfDay.AM
    ):
        raise WorkflowError(_("The end must be after the start."))
    if not leave_type.is_active:
        raise WorkflowError(_("This leave type is no longer offered."))
    if not (reason or "").strip():
        raise WorkflowError(_("Give a reason for the leave."))
    days = working_days_of_leave(user, start_date, start_half, end_date, end_half)
    if days <= 0:
        raise WorkflowError(_("These dates contain no working day."))
    return days


def _refuse_overlap_or_overdraft(user, leave_type, slots, days):
    """Enforces R2.3-leave-by-company-policy (run with the person's row locked)."""
    start_date, end_date = slots[0][0], slots[1][0]
    for other in LeaveRequest.objects.filter(
        user=user, status__in=LEAVE_COUNTED, start_date__lte=end_date, end_date__gte=start_date
    ):
        first, last = other.half_slots()
        if first <= slots[1] and slots[0] <= last:
            raise WorkflowError(
                _("This overlaps your leave from %(start)s to %(end)s.")
                % {"start": other.start_date, "end": other.end_date}
            )
    if not leave_type.allow_negative:
        left = leave_balance(user, leave_type, start_date.year)
        if days > left:
            raise WorkflowError(
                _("Only %(left)s day(s) of %(type)s are left; this leave needs %(days)s.")
                % {"left": left, "type": leave_type.name, "days": days}
            )


def submit_leave(user, *, leave_type, start_date, start_half, end_date, end_half, reason):
    """Ask for leave (for oneself only): no overlap, and a balance that stays at zero or more.

    Enforces R2.3-leave-by-company-policy.
    """
    days = _check_request(user, leave_type, start_date, start_half, end_date, end_half, reason)
    request = LeaveRequest(
        user=user,
        leave_type=leave_type,
        start_date=start_date,
        start_half=start_half,
        end_date=end_date,
        end_half=end_half,
        days=days,
        reason=reason.strip(),
    )

    def build():
        refuse_without_decider(user)
        _refuse_overlap_or_overdraft(user, leave_type, request.half_slots(), days)
        return request

    def tell_supervisors(request):
        notify(
            deciders_to_tell(user),
            gettext_lazy("Leave of %(name)s from %(start)s waits for your approval"),
            "",
            request.get_absolute_url(),
            {"name": display_name(user), "start": start_date.isoformat()},
        )

    # The person's row is locked: their requests queue up, so no double-booking or overdraft.
    return LEAVE_FLOW.create(
        user, "submit", lock_first=[(User, user.pk)], build=build, notify=tell_supervisors
    )


def _tell_decided(request):
    title = (
        gettext_lazy("Your leave from %(start)s was approved")
        if request.status == LeaveStatus.APPROVED
        else gettext_lazy("Your leave from %(start)s was rejected")
    )
    comment = request.decision_comment
    notify(
        request.user,
        title,
        gettext_lazy("Comment: %(comment)s") if comment else "",
        request.get_absolute_url(),
        {"start": request.start_date.isoformat(), "comment": comment},
    )


@LEAVE_FLOW.implements("approve")
def approve_leave(actor, request, comment=""):
    """The supervisor (or their deputy, the parent department's supervisor, else HR) approves.

    Enforces R2.3-leave-by-company-policy.
    """
    with deciding(actor, request):
        return LEAVE_FLOW.run(actor, request, "approve", comment=comment, notify=_tell_decided)


@LEAVE_FLOW.implements("reject")
def reject_leave(actor, request, comment=""):
    """Enforces R2.3-leave-by-company-policy."""
    with deciding(actor, request):
        return LEAVE_FLOW.run(actor, request, "reject", comment=comment, notify=_tell_decided)


@LEAVE_FLOW.guard("cancel")
def _leave_not_begun(request, user, now):
    if request.status == LeaveStatus.APPROVED and request.start_date <= timezone.localdate(now):
        return _("Leave that has begun can no longer be withdrawn.")
    return None


@LEAVE_FLOW.implements("cancel")
def cancel_leave(actor, request, *, comment="", now=None):
    """The applicant withdraws a pending request, or an approved one before it starts."""

    def tell(request):
        notify(
            deciders_to_tell(request.user),
            gettext_lazy("%(name)s withdrew the leave from %(start)s"),
            "",
            request.get_absolute_url(),
            {"name": display_name(request.user), "start": request.start_date.isoformat()},
        )

    return LEAVE_FLOW.run(actor, request, "cancel", comment=comment, notify=tell, now=now)


# --- Leave types and personal allowances (HR) ---------------------------------------------
def set_allowance(actor, *, user, leave_type, year, days):
    """HR sets one person's allowance of a leave type for a year (audited).

    Enforces R2.3-leave-by-company-policy.
    """
    require(actor, "attendance.manage_leave_types")
    with transaction.atomic():
        row, created = LeaveAllowance.objects.select_for_update().get_or_create(
            user=user, leave_type=leave_type, year=year, defaults={"days": days}
        )
        before = None if created else row.days
        if not created:
            row.days = days
            row.save(update_fields=["days"])
        audit.record(
            actor,
            "attendance.leave_allowance.set",
            row,
            from_state="" if before is None else str(before),
            to_state=str(days),
        )
    return row


def save_leave_type(actor, leave_type, changed=()):
    """HR adds or changes a leave type (``changed``: the names of the changed fields)."""
    require(actor, "attendance.manage_leave_types")
    with transaction.atomic():
        created = leave_type.pk is None
        leave_type.save()
        audit.record(
            actor,
            "attendance.leave_type.add" if created else "attendance.leave_type.change",
            leave_type,
            comment=", ".join(changed),
        )
    return leave_type
