"""Holds: queueing for a lent item, and leaving the queue."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from archive import services
from archive.choices import HOLD
from archive.models import Hold
from archive.views.common import forbid_unless, visible_item
from onsite import audit
from onsite.access import signed_in
from onsite.paging import posted
from onsite.permissions import visible
from onsite.transition_views import transition_view
from onsite.workflow import WorkflowError


@signed_in
@require_http_methods(["GET", "POST"])
def hold_place(request, pk):
    """Join the queue for an item whose every copy is out (GET asks, POST joins)."""
    item = visible_item(request, pk)
    forbid_unless(request.user, "archive.place_hold", item)
    error = ""
    if posted(request) is not None:
        try:
            hold = services.place_hold(request.user, item)
        except WorkflowError as refused:
            error = str(refused)
        else:
            messages.success(
                request, _("You are in the queue; you will be told when a copy is kept.")
            )
            return redirect("archive:hold_detail", hold.pk)
    context = {
        "title": _("Queue for %(item)s") % {"item": item.reference},
        "question": _(
            "Every copy is lent or reserved. When one comes back the first in the queue is "
            "told and it is kept for them for a few days."
        ),
        "object": item,
        "form": None,
        "error": error,
        "cancel_url": item.get_absolute_url(),
        "submit_label": _("Join the queue"),
    }
    if error:
        messages.error(request, error)
    return render(request, "confirm.html", context, status=400 if error else 200)


def visible_hold(request, pk):
    return get_object_or_404(
        visible(request.user, Hold).select_related("item__collection", "person", "copy"), pk=pk
    )


@signed_in
@require_GET
def hold_detail(request, pk):
    hold = visible_hold(request, pk)
    context = {
        "hold": hold,
        "position": services.queue_position(hold),
        "history": list(audit.history(hold)),
    }
    return render(request, "archive/hold_detail.html", context)


# Leave the queue: the confirmation page of the transition.
hold_action = transition_view(HOLD, visible_hold)
