"""Confidentiality pledges: sign in the portal, upload a scan, read it back."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from meetingroom import services
from meetingroom.choices import PLEDGE
from meetingroom.forms import PledgeSignForm, PledgeUploadForm, people_of_staff
from meetingroom.models import Pledge
from meetingroom.pledge_text import PLEDGE_TEXT, PLEDGE_VERSION
from meetingroom.views.common import fetch, forbid_unless
from onsite import audit
from onsite.access import signed_in
from onsite.names import display_name
from onsite.paging import paginate, posted
from onsite.permissions import may, supervised_department_ids, visible
from onsite.signatures import data_url
from onsite.transition_views import transition_view
from onsite.workflow import WorkflowError


@signed_in
@require_GET
def pledge_list(request):
    """My pledges, and those I may see (my department's, my venues' staff, everyone's for HR)."""
    user = request.user
    today = timezone.localdate()
    rows = (
        visible(user, Pledge)
        .select_related("person__profile")
        .order_by("person__last_name", "-valid_until", "-pk")
    )
    mine = list(Pledge.objects.filter(person=user).order_by("-valid_until")[:5])
    return render(
        request,
        "meetingroom/pledge_list.html",
        {
            "page": paginate(request, rows),
            "mine": mine,
            "today": today,
            "valid": services.has_valid_pledge(user, today),
            "may_sign": may(user, "meetingroom.sign_pledge"),
            "may_upload": may(user, "meetingroom.upload_pledge"),
        },
    )


@signed_in
@require_http_methods(["GET", "POST"])
def pledge_sign(request):
    forbid_unless(request.user, "meetingroom.sign_pledge")
    form = PledgeSignForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            pledge = services.sign_pledge(request.user, **form.service_kwargs())
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your pledge is signed."))
            return redirect(pledge.get_absolute_url())
    return render(
        request,
        "meetingroom/pledge_sign.html",
        {"form": form, "text": PLEDGE_TEXT, "version": PLEDGE_VERSION},
        status=400 if form.errors else 200,
    )


def _uploadable_people(user):
    people = people_of_staff()
    if may(user, "meetingroom.sign_pledge") and not supervised_department_ids(user):
        return people.filter(pk=user.pk)
    departments = supervised_department_ids(user)
    return people.filter(pk=user.pk) | people.filter(profile__department_id__in=departments)


@signed_in
@require_http_methods(["GET", "POST"])
def pledge_upload(request):
    forbid_unless(request.user, "meetingroom.upload_pledge")
    data = posted(request)
    form = PledgeUploadForm(
        data,
        request.FILES if data is not None else None,
        people=_uploadable_people(request.user),
        initial={"person": request.user.pk},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        person = data.pop("person")
        try:
            forbid_unless(request.user, "meetingroom.upload_pledge", person)
            pledge = services.upload_pledge(request.user, person, **data)
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The pledge was recorded."))
            return redirect(pledge.get_absolute_url())
    return render(
        request,
        "meetingroom/form.html",
        {
            "form": form,
            "title": _("Upload a signed pledge"),
            "back": reverse("meetingroom:pledge_list"),
            "submit_label": _("Upload"),
            "upload": True,
        },
        status=400 if form.errors else 200,
    )


visible_pledge = fetch(Pledge, "person", "recorded_by", "withdrawn_by")


@signed_in
@require_GET
def pledge_detail(request, pk):
    pledge = visible_pledge(request, pk)
    today = timezone.localdate()
    rows = [
        (_("Person"), display_name(pledge.person)),
        (_("Text version"), pledge.version),
        (_("Signed by"), pledge.get_method_display()),
        (_("Signed on"), pledge.signed_on.isoformat()),
        (_("Valid until"), pledge.valid_until.isoformat()),
        (_("Valid today"), _("yes") if pledge.valid_on(today) else _("no")),
        (_("Recorded by"), display_name(pledge.recorded_by)),
    ]
    if pledge.scan_sha256:
        rows.append((_("Scan SHA-256"), pledge.scan_sha256))
    if pledge.withdrawal_reason:
        rows.append((_("Reason for withdrawal"), pledge.withdrawal_reason))
    return render(
        request,
        "meetingroom/detail.html",
        {
            "object": pledge,
            "title": str(pledge),
            "rows": rows,
            "text": pledge.text,
            "signature_src": data_url(pledge.signature),
            "scan_url": reverse("meetingroom:pledge_scan", args=[pledge.pk]) if pledge.scan else "",
            "back": reverse("meetingroom:pledge_list"),
            "back_label": _("Confidentiality pledges"),
            "history": list(audit.history(pledge)),
        },
    )


pledge_action = transition_view(PLEDGE, visible_pledge)


@signed_in
@require_GET
def pledge_scan(request, pk):
    """The scan, only through this checked view (scope, checksum, audit)."""
    pledge = visible_pledge(request, pk)
    if not pledge.scan:
        raise Http404
    try:
        content = services.read_scan(request.user, pledge)
    except WorkflowError as error:
        messages.error(request, str(error))
        return redirect(pledge.get_absolute_url())
    suffix = pledge.scan.name.rsplit(".", 1)[-1].lower() if "." in pledge.scan.name else "bin"
    response = HttpResponse(content, content_type="application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(
        True, _("Confidentiality pledge") + f"-{pledge.pk}.{suffix}"
    )
    return response
