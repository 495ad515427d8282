"""Destruction: proposal, approval, witnessed record."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from archive import services
from archive.choices import DESTRUCTION, CopyStatus
from archive.filters import DestructionFilter
from archive.forms import CarryOutForm, DestructionForm, witnesses_for
from archive.models import (
    Destruction,
)
from archive.views.common import forbid_unless, visible_item
from onsite import audit
from onsite.access import allowed, signed_in
from onsite.paging import paginate, posted
from onsite.permissions import visible
from onsite.transition_views import transition_view
from onsite.workflow import WorkflowError


@signed_in
@require_http_methods(["GET", "POST"])
def destruction_propose(request, pk):
    item = visible_item(request, pk)
    forbid_unless(request.user, "archive.propose_destruction", item)
    form = DestructionForm(
        posted(request),
        copies=item.copies.filter(status=CopyStatus.KEPT),
        witnesses=witnesses_for(exclude=request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            record = services.propose_destruction(request.user, item, **form.cleaned_data)
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Destruction proposed to the leader in charge."))
            return redirect("archive:destruction_detail", record.pk)
    return render(
        request,
        "archive/form.html",
        {
            "form": form,
            "title": _("Propose destroying %(item)s") % {"item": item.reference},
            "item": item,
        },
    )


@allowed("archive.manage")
@require_GET
def destruction_list(request):
    rows = visible(request.user, Destruction).select_related(
        "item__collection", "copy", "witness", "proposed_by"
    )
    filters = DestructionFilter(request.GET, queryset=rows)
    return render(
        request,
        "archive/destruction_list.html",
        {"page": paginate(request, filters.qs), "filters": filters},
    )


def visible_destruction(request, pk):
    return get_object_or_404(
        visible(request.user, Destruction).select_related(
            "item__collection", "copy", "witness", "proposed_by", "decided_by", "carried_out_by"
        ),
        pk=pk,
    )


@signed_in
@require_GET
def destruction_detail(request, pk):
    record = visible_destruction(request, pk)
    context = {"record": record, "history": list(audit.history(record))}
    return render(request, "archive/destruction_detail.html", context)


# Approve, reject, carry out: the confirmation page of each transition.
destruction_action = transition_view(
    DESTRUCTION, visible_destruction, forms={"carry_out": CarryOutForm}
)
