"""Missed-punch corrections (补卡): asking, the correction's page and its transitions."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from attendance import services
from attendance.choices import CORRECTION_FLOW
from attendance.conf import conf
from attendance.forms import CorrectionForm
from attendance.models import AttendancePolicy, PunchCorrection
from attendance.views.common import decider_notice, sent_to
from onsite import audit
from onsite.access import allowed, signed_in
from onsite.paging import posted
from onsite.permissions import visible
from onsite.transition_views import transition_view
from onsite.workflow import WorkflowError


def visible_correction(request, pk):
    return get_object_or_404(
        visible(request.user, PunchCorrection).select_related(
            "user__profile__department", "decided_by"
        ),
        pk=pk,
    )


@allowed("attendance.use")
@require_http_methods(["GET", "POST"])
def correction_new(request):
    initial = {key: request.GET[key] for key in ("date", "kind") if key in request.GET}
    form = CorrectionForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            correction = services.submit_correction(request.user, **form.cleaned_data)
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, sent_to(request.user))
            return redirect(correction)
    context = {
        "form": form,
        "notice": decider_notice(request.user),
        "deadline_days": conf.CORRECTION_WORKING_DAYS,
        "per_month": AttendancePolicy.current().corrections_per_month,
    }
    return render(request, "attendance/correction_form.html", context)


@signed_in
@require_GET
def correction_detail(request, pk):
    correction = visible_correction(request, pk)
    context = {
        "correction": correction,
        "history": audit.history(correction),
        "deadline": services.deadline_of(correction.date),
        "today": timezone.localdate(),
    }
    return render(request, "attendance/correction_detail.html", context)


# Approve, reject, withdraw: the generic page of each transition.
correction_action = transition_view(CORRECTION_FLOW, visible_correction)
