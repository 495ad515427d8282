"""Requests a vice president decides: the person explains, the supervisor states, the vice
president approves or rejects."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from duties.choices import VP_REQUEST
from duties.filters import VPRequestFilter
from duties.forms.common import comment_form
from duties.forms.people import VPRequestForm
from duties.models import VPRequest
from duties.services import vp as service
from duties.views.common import fetch, form_page
from onsite import audit
from onsite.access import allowed, signed_in
from onsite.choices import Role
from onsite.paging import paginate, posted
from onsite.permissions import has_role, may, visible
from onsite.transition_views import transition_view
from onsite.workflow import WorkflowError


@signed_in
@require_GET
def vp_request_list(request):
    """My requests; the supervisors' and the vice president's queue with ``?team=1``."""
    user = request.user
    decides = may(user, "duties.supervise") or has_role(user, Role.VP)
    team = request.GET.get("team") == "1" and decides
    rows = (
        visible(user, VPRequest).exclude(applicant=user)
        if team
        else VPRequest.objects.filter(applicant=user)
    )
    filters = VPRequestFilter(
        request.GET,
        queryset=rows.select_related("applicant__profile").order_by("-submitted_at", "-pk"),
    )
    context = {
        "page": paginate(request, filters.qs),
        "filters": filters,
        "team": team,
        "decides": decides,
        "can_submit": may(user, "duties.submit_vp_request"),
    }
    return render(request, "duties/vp_request_list.html", context)


@allowed("duties.submit_vp_request")
@require_http_methods(["GET", "POST"])
def vp_request_create(request):
    form = VPRequestForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            created = service.submit_vp_request(request.user, **form.cleaned_data)
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your supervisor is asked for a statement."))
            return redirect(created)
    return form_page(
        request,
        form,
        title=_("A request for the vice president"),
        back=reverse("duties:vp_request_list"),
        intro=_("Explain it to your supervisor, who adds a statement; the vice president decides."),
    )


def visible_vp_request(request, pk):
    return fetch(
        request,
        VPRequest.objects.select_related("applicant__profile", "stated_by", "decided_by"),
        pk,
    )


@signed_in
@require_GET
def vp_request_detail(request, pk):
    found = visible_vp_request(request, pk)
    context = {"vp_request": found, "history": list(audit.history(found))}
    return render(request, "duties/vp_request_detail.html", context)


vp_request_action = transition_view(
    VP_REQUEST,
    visible_vp_request,
    forms={
        "state": comment_form(gettext_lazy("Your statement")),
        "reject": comment_form(gettext_lazy("Why it is rejected")),
    },
)
