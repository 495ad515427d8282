"""Single-item grants: a leader lets one named person see one item for a window."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from archive import services
from archive.forms import GrantForm
from archive.models import ItemGrant
from archive.views.common import forbid_unless, visible_item
from onsite.access import allowed, signed_in
from onsite.forms import CommentForm
from onsite.paging import paginate, posted
from onsite.permissions import may, visible
from onsite.workflow import WorkflowError


def _people():
    return (
        get_user_model()
        .objects.filter(is_active=True, profile__isnull=False)
        .order_by("last_name", "first_name")
    )


@signed_in
@require_http_methods(["GET", "POST"])
def grant_create(request, pk):
    item = visible_item(request, pk)
    forbid_unless(request.user, "archive.grant_item", item)
    form = GrantForm(posted(request), people=_people())
    if request.method == "POST" and form.is_valid():
        try:
            services.grant_item(request.user, item, **form.cleaned_data)
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The person may see this item during the window."))
            return redirect("archive:item_detail", item.pk)
    title = _("Show %(item)s to one person") % {"item": item.reference}
    return render(request, "archive/form.html", {"form": form, "title": title, "item": item})


@allowed("archive.manage")
@require_GET
def grant_list(request):
    """The single-item grants of the collections one keeps or leads (current and to come)."""
    rows = visible(request.user, ItemGrant).select_related(
        "content_object__collection", "user", "granted_by"
    )
    context = {"page": paginate(request, rows.order_by("ends_at", "pk")), "now": timezone.now()}
    return render(request, "archive/grant_list.html", context)


@signed_in
@require_http_methods(["GET", "POST"])
def grant_revoke(request, pk):
    grant = get_object_or_404(
        visible(request.user, ItemGrant).select_related("content_object__collection", "user"),
        pk=pk,
    )
    if not may(request.user, "archive.revoke_grant", grant):
        raise PermissionDenied
    form = CommentForm(posted(request), required=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.revoke_grant(request.user, grant, form.cleaned_data["comment"])
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Grant revoked."))
            return redirect("archive:item_detail", grant.content_object_id)
    context = {
        "title": _("Revoke the single-item grant"),
        "question": _("The person no longer sees the item from their next request on."),
        "object": grant,
        "form": form,
        "cancel_url": grant.content_object.get_absolute_url(),
        "danger": True,
        "submit_label": _("Revoke"),
    }
    return render(request, "confirm.html", context, status=400 if form.errors else 200)
