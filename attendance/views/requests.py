"""Overtime and leave requests: asking, the request's page, its transitions (the core's
generic confirmation pages) and the confirmation of the hours actually worked."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from attendance import services
from attendance.choices import LEAVE_FLOW, OVERTIME_FLOW
from attendance.forms import HoursForm, LeaveForm, OvertimeForm
from attendance.models import AttendanceRecord
from attendance.views.common import decider_notice, sent_to, visible_leave, visible_overtime
from onsite import audit
from onsite.access import allowed, signed_in
from onsite.paging import posted
from onsite.transition_views import transition_view
from onsite.workflow import WorkflowError


# --- Overtime ---------------------------------------------------------------------------
@allowed("attendance.use")
@require_http_methods(["GET", "POST"])
def overtime_new(request):
    form = OvertimeForm(posted(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            overtime = services.submit_overtime(request.user, **form.cleaned_data)
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, sent_to(request.user))
            return redirect(overtime)
    context = {"form": form, "notice": decider_notice(request.user)}
    return render(request, "attendance/overtime_form.html", context)


@signed_in
@require_GET
def overtime_detail(request, pk):
    overtime = visible_overtime(request, pk)
    record = AttendanceRecord.objects.filter(user_id=overtime.user_id, date=overtime.date).first()
    hours = services.hours_refusal(request.user, overtime)
    context = {
        "ot": overtime,
        "history": audit.history(overtime),
        "record": record,
        "suggested": services.suggested_minutes(overtime, record),
        # Offered exactly when the service would accept it (approved, and over); otherwise
        # the person who may confirm is told why not yet.
        "confirm_hours": hours is None,
        "hours_note": hours if isinstance(hours, str) else "",
    }
    return render(request, "attendance/overtime_detail.html", context)


# Approve, reject, file, reject by HR, withdraw: the generic page of each transition.
overtime_action = transition_view(OVERTIME_FLOW, visible_overtime)


@signed_in
@require_http_methods(["GET", "POST"])
def overtime_hours(request, pk):
    """The applicant (or their supervisor) confirms the minutes worked, once it is over."""
    overtime = visible_overtime(request, pk)
    back = overtime.get_absolute_url()
    reason = services.hours_refusal(request.user, overtime)
    if isinstance(reason, PermissionDenied):
        raise PermissionDenied
    if reason and request.method != "POST":
        messages.error(request, reason)
        return redirect(back)
    known = overtime.actual_minutes
    form = HoursForm(
        posted(request),
        initial={"minutes": known if known is not None else services.suggested_minutes(overtime)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.confirm_overtime_hours(request.user, overtime, form.cleaned_data["minutes"])
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The hours were confirmed."))
            return redirect(back)
    context = {
        "title": _("Confirm the hours worked"),
        "object": overtime,
        "form": form,
        "cancel_url": back,
        "question": _("Suggested from the check-in and check-out where they exist."),
    }
    return render(request, "confirm.html", context, status=400 if form.errors else 200)


# --- Leave ------------------------------------------------------------------------------
@allowed("attendance.use")
@require_http_methods(["GET", "POST"])
def leave_new(request):
    form = LeaveForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            leave = services.submit_leave(request.user, **form.cleaned_data)
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, sent_to(request.user))
            return redirect(leave)
    context = {
        "form": form,
        "balances": services.leave_balances(request.user, timezone.localdate().year),
        "notice": decider_notice(request.user),
    }
    return render(request, "attendance/leave_form.html", context)


@signed_in
@require_GET
def leave_detail(request, pk):
    leave = visible_leave(request, pk)
    return render(
        request, "attendance/leave_detail.html", {"leave": leave, "history": audit.history(leave)}
    )


# Approve, reject, withdraw: the generic page of each transition.
leave_action = transition_view(LEAVE_FLOW, visible_leave)
