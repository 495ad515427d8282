"""Items and their files: list, search, register, edit, history, upload, download."""

from django.contrib import messages
from django.db.models import OuterRef
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from archive import services
from archive.choices import (
    OPEN_HOLD_STATES,
    CopyStatus,
    HoldStatus,
    LoanStatus,
)
from archive.filters import ItemFilter
from archive.forms import (
    FileUploadForm,
    ItemForm,
)
from archive.history import item_timeline
from archive.models import (
    Collection,
    Copy,
    Hold,
    ItemFile,
    ItemGrant,
    Loan,
)
from archive.permissions import kept_collection_ids, managed_collection_ids
from archive.services.copies import free_copy
from archive.views.common import forbid_unless, visible_item
from archive.views.item_rows import item_rows
from onsite.access import allowed, signed_in
from onsite.counting import count_of
from onsite.paging import paginate, posted
from onsite.permissions import may, visible
from onsite.workflow import WorkflowError


@signed_in
@require_GET
def item_list(request):
    filters = ItemFilter(request.GET, user=request.user)
    # The kept copies counted for the page's rows only (a correlated subquery, which the
    # page count leaves out; a join and GROUP BY would count every item's copies).
    items = (
        filters.qs.select_related("collection", "custodian")
        .annotate(
            kept_copies=count_of(
                Copy.objects.filter(item=OuterRef("pk"), status=CopyStatus.KEPT), "item"
            )
        )
        .order_by("-event_date", "-pk")
    )
    page = paginate(request, items)
    context = {
        "filters": filters,
        "page": page,
        "rows": item_rows(page.object_list),
        "may_register": may(request.user, "archive.register_item"),
        "export_query": request.GET.urlencode(),
    }
    return render(request, "archive/item_list.html", context)


def _custodian_choices(collections):
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(kept_collections__in=collections)
        .distinct()
        .order_by("last_name", "first_name")
    )


@allowed("archive.register_item")
@require_http_methods(["GET", "POST"])
def item_create(request):
    collections = Collection.objects.filter(pk__in=kept_collection_ids(request.user))
    form = ItemForm(
        posted(request),
        collections=collections,
        custodians=_custodian_choices(collections),
        initial={"custodian": request.user},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        collection = data.pop("collection")
        copies = data.pop("copies")
        try:
            item = services.register_item(request.user, collection, copies=copies, **data)
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Item %(ref)s registered.") % {"ref": item.reference})
            return redirect("archive:item_detail", item.pk)
    return render(
        request, "archive/form.html", {"form": form, "title": _("Register an archive item")}
    )


def _copies_with_loans(item):
    copies = list(item.copies.all())
    active = {
        loan.copy_id: loan
        for loan in Loan.objects.filter(
            copy__item=item, status__in=[LoanStatus.APPROVED, LoanStatus.HANDED_OVER]
        ).select_related("borrower")
    }
    kept = {
        hold.copy_id: hold
        for hold in Hold.objects.filter(item=item, status=HoldStatus.OFFERED).select_related(
            "person"
        )
    }
    for copy in copies:
        copy.active_loan = active.get(copy.pk)
        copy.kept_hold = kept.get(copy.pk)
    return copies


def _file_access(user, item):
    """May the person open the item's files now, and under which digital loan."""
    try:
        return True, services.download_loan(user, item)
    except services.DownloadRefused:
        return False, None


def _queue(user, item, manages):
    """The item's queue (for its keepers), the person's own hold, and whether they may queue."""
    holds = Hold.objects.filter(item=item, status__in=OPEN_HOLD_STATES).select_related("person")
    mine = next((hold for hold in holds if hold.person_id == user.pk), None)
    may_queue = (
        mine is None
        and may(user, "archive.place_hold", item)
        and item.copies.filter(status=CopyStatus.KEPT).exists()
        and free_copy(item.pk, user.pk) is None
    )
    return {"queue": list(holds) if manages else [], "my_hold": mine, "may_queue": may_queue}


@signed_in
@require_GET
def item_detail(request, pk):
    item = visible_item(request, pk)
    services.record_item_view(request.user, item)
    user = request.user
    manages = item.collection_id in managed_collection_ids(user)
    may_open, open_loan = _file_access(user, item)
    context = {
        "item": item,
        "copies": _copies_with_loans(item),
        "files": item.files.select_related("uploaded_by"),
        "may_open_files": may_open,
        "open_loan": open_loan,
        "my_loans": item.loans.filter(borrower=user).order_by("-requested_at")[:5],
        "grants": (
            ItemGrant.objects.filter(content_object=item).select_related("user", "granted_by")
            if manages
            else []
        ),
        "manages": manages,
        "may_edit": may(user, "archive.edit_item", item),
        "may_upload": may(user, "archive.upload_file", item),
        "may_borrow": may(user, "archive.request_loan", item),
        "may_borrow_file": may(user, "archive.request_digital_loan", item),
        "may_grant": may(user, "archive.grant_item", item),
        "may_print_labels": may(user, "archive.print_labels", item.collection),
        "may_destroy": may(user, "archive.propose_destruction", item),
        "may_see_history": may(user, "archive.see_accesses", item),
        **_queue(user, item, manages),
    }
    return render(request, "archive/item_detail.html", context)


@signed_in
@require_http_methods(["GET", "POST"])
def item_edit(request, pk):
    item = visible_item(request, pk)
    forbid_unless(request.user, "archive.edit_item", item)
    collections = Collection.objects.filter(pk=item.collection_id)
    form = ItemForm(
        posted(request),
        instance=item,
        collections=collections,
        custodians=_custodian_choices(collections),
    )
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.fields}
        item.refresh_from_db()
        try:
            services.update_item(request.user, item, changes)
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Item saved."))
            return redirect("archive:item_detail", item.pk)
    return render(
        request,
        "archive/form.html",
        {"form": form, "title": _("Edit %(item)s") % {"item": item.reference}, "item": item},
    )


@signed_in
@require_GET
def item_history(request, pk):
    item = visible_item(request, pk)
    forbid_unless(request.user, "archive.see_accesses", item)
    context = {"item": item, **item_timeline(item)}
    return render(request, "archive/item_history.html", context)


@signed_in
@require_http_methods(["GET", "POST"])
def file_upload(request, pk):
    item = visible_item(request, pk)
    forbid_unless(request.user, "archive.upload_file", item)
    form = FileUploadForm(posted(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            stored = services.add_file(request.user, item, form.cleaned_data["file"])
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("File stored; SHA-256 %(sha)s.") % {"sha": stored.sha256})
            return redirect("archive:item_detail", item.pk)
    return render(
        request,
        "archive/form.html",
        {
            "form": form,
            "title": _("Upload a file to %(item)s") % {"item": item.reference},
            "multipart": True,
            "item": item,
        },
    )


@signed_in
@require_GET
def file_download(request, pk):
    """A stored file, if the person may open it now: at or below the collection's direct
    level, or inside an open digital loan (checked again on every request)."""
    stored = get_object_or_404(
        visible(request.user, ItemFile).select_related("item__collection"), pk=pk
    )
    try:
        handle, name = services.download(request.user, stored)
    except WorkflowError as error:
        messages.error(request, str(error))
        return redirect("archive:item_detail", stored.item_id)
    return FileResponse(handle, as_attachment=True, filename=name)
