"""Client requests and written authorisations: what the client asked, whether a written
authorisation covers it (the page says why not), the supervisor's decision."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from duties.choices import AUTHORISATION, CLIENT_REQUEST, ClientRequestStatus
from duties.filters import ClientRequestFilter
from duties.forms.common import comment_form
from duties.forms.work import AuthorisationForm, ClientRequestForm
from duties.models import Authorisation, ClientRequest
from duties.services import requests as service
from duties.views.common import fetch, form_page
from onsite import audit
from onsite.access import allowed, signed_in
from onsite.paging import paginate, posted
from onsite.permissions import may, visible
from onsite.transition_views import transition_view
from onsite.workflow import WorkflowError


@signed_in
@require_GET
def request_list(request):
    """Requests I logged; for supervisors, those of their departments (escalations first)."""
    user = request.user
    team = request.GET.get("team") == "1" and may(user, "duties.supervise")
    rows = (
        visible(user, ClientRequest).exclude(logged_by=user)
        if team
        else ClientRequest.objects.filter(logged_by=user)
    )
    filters = ClientRequestFilter(
        request.GET, queryset=rows.select_related("site", "logged_by").order_by("-asked_at", "-pk")
    )
    context = {
        "page": paginate(request, filters.qs),
        "filters": filters,
        "team": team,
        "supervises": may(user, "duties.supervise"),
        "can_log": may(user, "duties.log_request"),
    }
    return render(request, "duties/request_list.html", context)


@allowed("duties.log_request")
@require_http_methods(["GET", "POST"])
def request_create(request):
    form = ClientRequestForm(posted(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        site = data.pop("site")
        try:
            logged = service.log_request(request.user, site, **data)
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            return redirect(logged)
    return form_page(
        request,
        form,
        title=_("Log a client request"),
        back=reverse("duties:request_list"),
        intro=_(
            "Write down who asked for what and when; the portal tells you at once whether "
            "your written authorisation covers it."
        ),
    )


def visible_request(request, pk):
    return fetch(
        request,
        ClientRequest.objects.select_related(
            "site", "logged_by__profile", "authorisation", "decided_by", "done_by"
        ),
        pk,
    )


@signed_in
@require_GET
def request_detail(request, pk):
    """The request and the authorisation check: covered (by which) or why not."""
    logged = visible_request(request, pk)
    cover, reason = None, ""
    if logged.status == ClientRequestStatus.LOGGED:
        today = timezone.localdate()
        cover = service.covering_authorisation(
            logged.logged_by, logged.category, logged.site_id, today
        )
        reason = "" if cover else service.why_not_covered(logged, today)
    context = {
        "logged": logged,
        "cover": cover,
        "reason": reason,
        "history": list(audit.history(logged)),
    }
    return render(request, "duties/request_detail.html", context)


request_action = transition_view(
    CLIENT_REQUEST,
    visible_request,
    forms={
        "complete": comment_form(gettext_lazy("What was done")),
        "escalate": comment_form(gettext_lazy("Note to the supervisor"), required=False),
        "approve": comment_form(gettext_lazy("Your written authorisation")),
        "decline": comment_form(gettext_lazy("Why it is declined")),
    },
)


# --- Written authorisations -------------------------------------------------------------------
@signed_in
@require_GET
def authorisation_list(request):
    """Mine, and those of the people in the person's scope (HR: everyone's)."""
    rows = (
        visible(request.user, Authorisation)
        .select_related("holder__profile", "site", "issued_by")
        .order_by("-valid_to", "-pk")
    )
    context = {
        "page": paginate(request, rows),
        "today": timezone.localdate(),
        "can_issue": may(request.user, "duties.issue_authorisation"),
    }
    return render(request, "duties/authorisation_list.html", context)


@allowed("duties.issue_authorisation")
@require_http_methods(["GET", "POST"])
def authorisation_create(request):
    form = AuthorisationForm(posted(request), request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        holder = data.pop("holder")
        try:
            record = service.issue_authorisation(request.user, holder, **data)
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The authorisation was recorded."))
            return redirect(record)
    return form_page(
        request,
        form,
        title=_("Record a written authorisation"),
        back=reverse("duties:authorisation_list"),
    )


def visible_authorisation(request, pk):
    return fetch(
        request,
        Authorisation.objects.select_related("holder__profile", "site", "issued_by", "revoked_by"),
        pk,
    )


@signed_in
@require_GET
def authorisation_detail(request, pk):
    record = visible_authorisation(request, pk)
    covered = visible(request.user, ClientRequest).filter(authorisation=record)
    context = {
        "record": record,
        "in_force": record.in_force_on(timezone.localdate()),
        "covered": covered.select_related("site").order_by("-asked_at")[:20],
        "history": list(audit.history(record)),
    }
    return render(request, "duties/authorisation_detail.html", context)


authorisation_action = transition_view(
    AUTHORISATION,
    visible_authorisation,
    forms={"revoke": comment_form(gettext_lazy("Why it is revoked"))},
)
