"""Destruction: proposal, approval, witnessed record."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from archive import services
from archive.choices import (
    CopyStatus,
    DestructionStatus,
)
from archive.forms import (
    CarryOutForm,
    CommentForm,
    DestructionForm,
    witnesses_for,
)
from archive.models import (
    Destruction,
)
from archive.views.common import (
    confirm_page,
    forbid_unless,
    paginate,
    posted,
    visible_item,
)
from onsite import audit
from onsite.access import allowed, signed_in
from onsite.permissions import may, visible
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
    show = request.GET.get("show", "")
    if show in DestructionStatus.values:
        rows = rows.filter(status=show)
    return render(
        request,
        "archive/destruction_list.html",
        {"page": paginate(request, rows), "show": show, "statuses": DestructionStatus.choices},
    )


def _visible_destruction(request, pk):
    return get_object_or_404(
        visible(request.user, Destruction).select_related(
            "item__collection", "copy", "witness", "proposed_by", "decided_by", "carried_out_by"
        ),
        pk=pk,
    )


@signed_in
@require_GET
def destruction_detail(request, pk):
    record = _visible_destruction(request, pk)
    user = request.user
    context = {
        "record": record,
        "history": list(audit.history(record)),
        "may_decide": record.status == DestructionStatus.PROPOSED
        and may(user, "archive.decide_destruction", record),
        "may_carry_out": record.status == DestructionStatus.APPROVED
        and may(user, "archive.carry_out_destruction", record),
    }
    return render(request, "archive/destruction_detail.html", context)


@signed_in
@require_http_methods(["GET", "POST"])
def destruction_approve(request, pk):
    record = _visible_destruction(request, pk)
    return confirm_page(
        request,
        record,
        action="archive.decide_destruction",
        title=_("Approve the destruction"),
        question=_("The custodian then destroys it in front of the witness."),
        form=CommentForm(posted(request)),
        do=lambda d: services.approve_destruction(request.user, record, d["comment"]),
        back=reverse("archive:destruction_detail", args=[record.pk]),
    )


@signed_in
@require_http_methods(["GET", "POST"])
def destruction_reject(request, pk):
    record = _visible_destruction(request, pk)
    return confirm_page(
        request,
        record,
        action="archive.decide_destruction",
        title=_("Reject the destruction"),
        question=_("Say why; the custodian is told."),
        form=CommentForm(posted(request), required=True),
        do=lambda d: services.reject_destruction(request.user, record, d["comment"]),
        back=reverse("archive:destruction_detail", args=[record.pk]),
        danger=True,
    )


@signed_in
@require_http_methods(["GET", "POST"])
def destruction_carry_out(request, pk):
    record = _visible_destruction(request, pk)
    return confirm_page(
        request,
        record,
        action="archive.carry_out_destruction",
        title=_("Record the destruction"),
        question=_("The copies are marked destroyed; the records stay."),
        form=CarryOutForm(posted(request), initial={"destroyed_on": timezone.localdate()}),
        do=lambda d: services.carry_out_destruction(request.user, record, **d),
        back=reverse("archive:destruction_detail", args=[record.pk]),
        danger=True,
    )
