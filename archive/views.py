"""Views of the archive: thin, scoped through ``visible()``; state changes via services."""

import base64

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import CharField, Count, Q
from django.db.models.functions import Cast
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from archive import services
from archive.choices import (
    LOAN,
    OPEN_LOAN_STATES,
    AuditResult,
    AuditStatus,
    CopyStatus,
    DestructionStatus,
    DiscrepancyStatus,
    LoanStatus,
    RegisterKind,
    SignatureMethod,
)
from archive.exports import open_export, queue_export
from archive.forms import (
    AuditStartForm,
    CarryOutForm,
    CommentForm,
    DestructionForm,
    FileUploadForm,
    ItemForm,
    LoanRequestForm,
    ResolveForm,
    SignatureForm,
    witnesses_for,
)
from archive.history import ITEM_ACCESS_ACTIONS, item_timeline
from archive.models import (
    AuditLine,
    Collection,
    Destruction,
    Discrepancy,
    Item,
    ItemFile,
    Loan,
    RegisterExport,
    ShelfAudit,
)
from archive.permissions import kept_collection_ids, managed_collection_ids
from archive.registers import TooManyRows, register_response, search_items
from archive.terms import TERMS_TEXT
from onsite import audit
from onsite.access import allowed, signed_in
from onsite.models import AuditEntry
from onsite.permissions import may, require, visible
from onsite.workflow import WorkflowError

PAGE_SIZE = 25


def _page(request, rows):
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


def _posted(request):
    """The POST data of a POST (even an empty one), None for a GET: forms bind on POST."""
    return request.POST if request.method == "POST" else None


def _forbid_unless(user, action, obj=None):
    if not may(user, action, obj):
        raise PermissionDenied


# --- Items ----------------------------------------------------------------------------
def _search_items(request):
    return search_items(request.user, request.GET)


@signed_in
@require_GET
def item_list(request):
    form, items, query = _search_items(request)
    items = (
        items.select_related("collection", "custodian")
        .annotate(kept_copies=Count("copies", filter=Q(copies__status=CopyStatus.KEPT)))
        .order_by("-event_date", "-pk")
    )
    context = {
        "form": form,
        "page": _page(request, items),
        "query": query,
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
        _posted(request),
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


def _visible_item(request, pk):
    return get_object_or_404(
        visible(request.user, Item).select_related("collection", "custodian"), pk=pk
    )


@signed_in
@require_GET
def item_detail(request, pk):
    item = _visible_item(request, pk)
    services.record_item_view(request.user, item)
    copies = list(item.copies.all())
    active = {
        loan.copy_id: loan
        for loan in Loan.objects.filter(
            copy__item=item, status__in=[LoanStatus.APPROVED, LoanStatus.HANDED_OVER]
        ).select_related("borrower")
    }
    for copy in copies:
        copy.active_loan = active.get(copy.pk)
    user = request.user
    context = {
        "item": item,
        "copies": copies,
        "files": item.files.select_related("uploaded_by"),
        "my_loans": item.loans.filter(borrower=user).order_by("-requested_at")[:5],
        "may_edit": may(user, "archive.edit_item", item),
        "may_upload": may(user, "archive.upload_file", item),
        "may_borrow": may(user, "archive.request_loan", item),
        "may_destroy": may(user, "archive.propose_destruction", item),
        "may_see_history": may(user, "archive.see_accesses", item),
    }
    return render(request, "archive/item_detail.html", context)


@signed_in
@require_http_methods(["GET", "POST"])
def item_edit(request, pk):
    item = _visible_item(request, pk)
    _forbid_unless(request.user, "archive.edit_item", item)
    collections = Collection.objects.filter(pk=item.collection_id)
    form = ItemForm(
        _posted(request),
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
    item = _visible_item(request, pk)
    _forbid_unless(request.user, "archive.see_accesses", item)
    context = {"item": item, **item_timeline(item)}
    return render(request, "archive/item_history.html", context)


@signed_in
@require_http_methods(["GET", "POST"])
def file_upload(request, pk):
    item = _visible_item(request, pk)
    _forbid_unless(request.user, "archive.upload_file", item)
    form = FileUploadForm(_posted(request), request.FILES if request.method == "POST" else None)
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
    stored = get_object_or_404(visible(request.user, ItemFile).select_related("item"), pk=pk)
    try:
        handle = services.open_file(request.user, stored)
    except WorkflowError as error:
        messages.error(request, str(error))
        return redirect("archive:item_detail", stored.item_id)
    return FileResponse(handle, as_attachment=True, filename=stored.original_name)


# --- Loans ----------------------------------------------------------------------------
@signed_in
@require_http_methods(["GET", "POST"])
def loan_request(request, pk):
    item = _visible_item(request, pk)
    _forbid_unless(request.user, "archive.request_loan", item)
    form = LoanRequestForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            loan = services.request_loan(request.user, item, **form.cleaned_data)
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your request was sent to the leader in charge."))
            return redirect("archive:loan_detail", loan.pk)
    return render(
        request,
        "archive/form.html",
        {"form": form, "title": _("Borrow %(item)s") % {"item": item.reference}, "item": item},
    )


def _loan_rows(queryset):
    return queryset.select_related("item__collection", "borrower", "copy")


@signed_in
@require_GET
def my_loans(request):
    loans = _loan_rows(Loan.objects.filter(borrower=request.user))
    context = {
        "page": _page(request, loans),
        "today": timezone.localdate(),
        "title": _("My loans"),
    }
    return render(request, "archive/loan_list.html", context)


QUEUE_FILTERS = {
    "open": Q(status__in=OPEN_LOAN_STATES),
    "requested": Q(status=LoanStatus.REQUESTED),
    "approved": Q(status=LoanStatus.APPROVED),
    "out": Q(status=LoanStatus.HANDED_OVER),
    "all": Q(),
}


@allowed("archive.manage")
@require_GET
def loan_queue(request):
    show = request.GET.get("show", "open")
    if show == "overdue":
        condition = Q(status=LoanStatus.HANDED_OVER, return_by__lt=timezone.localdate())
    else:
        condition = QUEUE_FILTERS.get(show, QUEUE_FILTERS["open"])
    loans = _loan_rows(
        visible(request.user, Loan).exclude(borrower=request.user).filter(condition)
    ).order_by("return_by", "pk")
    context = {
        "page": _page(request, loans),
        "today": timezone.localdate(),
        "title": _("Loan queue"),
        "queue": True,
        "show": show,
        "filters": [
            ("open", _("Not finished")),
            ("requested", _("To decide")),
            ("approved", _("To hand over")),
            ("out", _("Out")),
            ("overdue", _("Overdue")),
            ("all", _("All")),
        ],
    }
    return render(request, "archive/loan_list.html", context)


def _visible_loan(request, pk):
    return get_object_or_404(
        visible(request.user, Loan).select_related(
            "item__collection", "borrower", "copy", "decided_by", "handed_over_by", "received_by"
        ),
        pk=pk,
    )


def _data_url(png):
    return "data:image/png;base64," + base64.b64encode(bytes(png)).decode() if png else ""


@signed_in
@require_GET
def loan_detail(request, pk):
    loan = _visible_loan(request, pk)
    signatures = list(loan.signatures.select_related("signer"))
    for signed in signatures:
        signed.data_url = _data_url(signed.image)
    user = request.user
    context = {
        "loan": loan,
        "signatures": signatures,
        "history": list(audit.history(loan)),
        "actions": [
            (name, label, url_name)
            for name, label, url_name, action in [
                ("approve", _("Approve"), "archive:loan_approve", "archive.decide_loan"),
                ("reject", _("Reject"), "archive:loan_reject", "archive.decide_loan"),
                ("hand_over", _("Hand over"), "archive:loan_hand_over", "archive.hand_over_loan"),
                ("return", _("Take back"), "archive:loan_return", "archive.receive_loan"),
                ("cancel", _("Cancel"), "archive:loan_cancel", "archive.cancel_loan"),
            ]
            if LOAN.can(loan.status, name) and may(user, action, loan)
        ],
    }
    return render(request, "archive/loan_detail.html", context)


def _confirm(request, obj, *, action, title, question, form, do, back, danger=False, label=""):
    """GET shows a confirmation page; POST runs ``do(cleaned_data)`` (a service call)."""
    _forbid_unless(request.user, action, obj)
    if request.method == "POST" and form.is_valid():
        try:
            do(form.cleaned_data)
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Done."))
            return redirect(back)
    context = {
        "title": title,
        "question": question,
        "object": obj,
        "form": form,
        "cancel_url": back,
        "danger": danger,
        "submit_label": label or title,
    }
    return render(request, "confirm.html", context, status=400 if form.errors else 200)


@signed_in
@require_http_methods(["GET", "POST"])
def loan_approve(request, pk):
    loan = _visible_loan(request, pk)
    return _confirm(
        request,
        loan,
        action="archive.decide_loan",
        title=_("Approve the loan"),
        question=_("A free copy is reserved for the borrower."),
        form=CommentForm(_posted(request)),
        do=lambda d: services.approve_loan(request.user, loan, d["comment"]),
        back=reverse("archive:loan_detail", args=[loan.pk]),
    )


@signed_in
@require_http_methods(["GET", "POST"])
def loan_reject(request, pk):
    loan = _visible_loan(request, pk)
    return _confirm(
        request,
        loan,
        action="archive.decide_loan",
        title=_("Reject the loan"),
        question=_("Say why; the borrower is told."),
        form=CommentForm(_posted(request), required=True),
        do=lambda d: services.reject_loan(request.user, loan, d["comment"]),
        back=reverse("archive:loan_detail", args=[loan.pk]),
        danger=True,
    )


@signed_in
@require_http_methods(["GET", "POST"])
def loan_cancel(request, pk):
    loan = _visible_loan(request, pk)
    return _confirm(
        request,
        loan,
        action="archive.cancel_loan",
        title=_("Cancel the loan"),
        question=_("A reserved copy is freed."),
        form=CommentForm(_posted(request)),
        do=lambda d: services.cancel_loan(request.user, loan, d["comment"]),
        back=reverse("archive:loan_detail", args=[loan.pk]),
        danger=True,
    )


def _signature_page(request, loan, *, action, title, do):
    _forbid_unless(request.user, action, loan)
    form = SignatureForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["method"] == SignatureMethod.DRAWN:
                given = services.SignatureInput.from_data_url(data["signature"])
            else:
                given = services.SignatureInput(method=data["method"], password=data["password"])
            do(data, given)
        except WorkflowError as error:
            services.record_refused_signing(request.user, loan, data["method"], error)
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Done."))
            return redirect("archive:loan_detail", loan.pk)
    context = {"loan": loan, "form": form, "title": title, "terms": TERMS_TEXT}
    return render(request, "archive/sign.html", context, status=400 if form.errors else 200)


@signed_in
@require_http_methods(["GET", "POST"])
def loan_hand_over(request, pk):
    loan = _visible_loan(request, pk)
    return _signature_page(
        request,
        loan,
        action="archive.hand_over_loan",
        title=_("Hand over"),
        do=lambda d, given: services.hand_over_loan(
            request.user, loan, condition=d["condition"], signature=given
        ),
    )


@signed_in
@require_http_methods(["GET", "POST"])
def loan_return(request, pk):
    loan = _visible_loan(request, pk)
    return _signature_page(
        request,
        loan,
        action="archive.receive_loan",
        title=_("Take back"),
        do=lambda d, given: services.return_loan(
            request.user, loan, condition=d["condition"], note=d["note"], signature=given
        ),
    )


@signed_in
@require_GET
def loan_receipt(request, pk):
    loan = _visible_loan(request, pk)
    if not loan.receipt:
        raise Http404
    try:
        content = services.read_receipt(request.user, loan)
    except WorkflowError as error:
        messages.error(request, str(error))
        return redirect("archive:loan_detail", loan.pk)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="receipt-{loan.pk}.pdf"'
    return response


# --- Destruction ----------------------------------------------------------------------
@signed_in
@require_http_methods(["GET", "POST"])
def destruction_propose(request, pk):
    item = _visible_item(request, pk)
    _forbid_unless(request.user, "archive.propose_destruction", item)
    form = DestructionForm(
        _posted(request),
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
        {"page": _page(request, rows), "show": show, "statuses": DestructionStatus.choices},
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
    return _confirm(
        request,
        record,
        action="archive.decide_destruction",
        title=_("Approve the destruction"),
        question=_("The custodian then destroys it in front of the witness."),
        form=CommentForm(_posted(request)),
        do=lambda d: services.approve_destruction(request.user, record, d["comment"]),
        back=reverse("archive:destruction_detail", args=[record.pk]),
    )


@signed_in
@require_http_methods(["GET", "POST"])
def destruction_reject(request, pk):
    record = _visible_destruction(request, pk)
    return _confirm(
        request,
        record,
        action="archive.decide_destruction",
        title=_("Reject the destruction"),
        question=_("Say why; the custodian is told."),
        form=CommentForm(_posted(request), required=True),
        do=lambda d: services.reject_destruction(request.user, record, d["comment"]),
        back=reverse("archive:destruction_detail", args=[record.pk]),
        danger=True,
    )


@signed_in
@require_http_methods(["GET", "POST"])
def destruction_carry_out(request, pk):
    record = _visible_destruction(request, pk)
    return _confirm(
        request,
        record,
        action="archive.carry_out_destruction",
        title=_("Record the destruction"),
        question=_("The copies are marked destroyed; the records stay."),
        form=CarryOutForm(_posted(request), initial={"destroyed_on": timezone.localdate()}),
        do=lambda d: services.carry_out_destruction(request.user, record, **d),
        back=reverse("archive:destruction_detail", args=[record.pk]),
        danger=True,
    )


# --- Shelf audits ---------------------------------------------------------------------
@allowed("archive.manage")
@require_GET
def audit_list(request):
    rows = (
        visible(request.user, ShelfAudit)
        .select_related("collection", "started_by")
        .annotate(
            line_count=Count("lines", distinct=True),
            open_discrepancies=Count(
                "lines__discrepancy",
                filter=Q(lines__discrepancy__status=DiscrepancyStatus.OPEN),
                distinct=True,
            ),
        )
        .order_by("-started_at", "-pk")
    )
    return render(
        request,
        "archive/audit_list.html",
        {"page": _page(request, rows), "may_start": may(request.user, "archive.run_audit")},
    )


@allowed("archive.run_audit")
@require_http_methods(["GET", "POST"])
def audit_start(request):
    collections = Collection.objects.filter(pk__in=kept_collection_ids(request.user))
    form = AuditStartForm(_posted(request), collections=collections)
    if request.method == "POST" and form.is_valid():
        try:
            record = services.start_audit(
                request.user, form.cleaned_data["collection"], form.cleaned_data["location"]
            )
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            return redirect("archive:audit_detail", record.pk)
    return render(request, "archive/form.html", {"form": form, "title": _("Start an audit")})


def _visible_audit(request, pk):
    return get_object_or_404(
        visible(request.user, ShelfAudit).select_related("collection", "started_by"), pk=pk
    )


def _check_results():
    return [(v, label) for v, label in AuditResult.choices if v in services.CHECK_RESULTS]


@signed_in
@require_GET
def audit_detail(request, pk):
    record = _visible_audit(request, pk)
    lines = record.lines.select_related("copy__item__collection", "checked_by", "discrepancy")
    may_run = may(request.user, "archive.run_audit", record.collection)
    context = {
        "record": record,
        "page": _page(request, lines),
        "may_check": may_run and record.status == AuditStatus.OPEN,
        "results": _check_results(),
    }
    return render(request, "archive/audit_detail.html", context)


@signed_in
@require_POST
def audit_line_mark(request, pk):
    line = get_object_or_404(
        AuditLine.objects.filter(audit__in=visible(request.user, ShelfAudit)), pk=pk
    )
    require(request.user, "archive.run_audit", line.audit.collection)
    error = ""
    try:
        services.mark_audit_line(
            request.user, line, request.POST.get("result", ""), request.POST.get("note", "")
        )
    except WorkflowError as refused:
        error = str(refused)
    if request.htmx:
        line = AuditLine.objects.select_related(
            "copy__item__collection", "checked_by", "discrepancy"
        ).get(pk=line.pk)
        context = {
            "line": line,
            "may_check": True,
            "results": _check_results(),
            "page": {"number": request.POST.get("page", 1)},
            "error": error,
        }
        return render(request, "archive/includes/audit_line_row.html", context)
    if error:
        messages.error(request, error)
    return redirect(
        reverse("archive:audit_detail", args=[line.audit_id])
        + f"?page={request.POST.get('page', 1)}#line-{line.pk}"
    )


@signed_in
@require_http_methods(["GET", "POST"])
def audit_complete(request, pk):
    record = _visible_audit(request, pk)
    return _confirm(
        request,
        record.collection,
        action="archive.run_audit",
        title=_("Complete the audit"),
        question=_("Every missing, damaged or misplaced copy opens a discrepancy."),
        form=CommentForm(_posted(request)),
        do=lambda d: services.complete_audit(request.user, record, d["comment"]),
        back=reverse("archive:audit_detail", args=[record.pk]),
    )


@allowed("archive.manage")
@require_GET
def discrepancy_list(request):
    show = request.GET.get("show", DiscrepancyStatus.OPEN)
    rows = visible(request.user, Discrepancy).select_related(
        "copy__item__collection", "line__audit", "resolved_by"
    )
    if show in DiscrepancyStatus.values:
        rows = rows.filter(status=show)
    context = {
        "page": _page(request, rows),
        "show": show,
        "statuses": DiscrepancyStatus.choices,
        "kept": kept_collection_ids(request.user),
    }
    return render(request, "archive/discrepancy_list.html", context)


@signed_in
@require_http_methods(["GET", "POST"])
def discrepancy_resolve(request, pk):
    record = get_object_or_404(
        visible(request.user, Discrepancy).select_related("copy__item__collection"), pk=pk
    )
    return _confirm(
        request,
        record,
        action="archive.resolve_discrepancy",
        title=_("Resolve the discrepancy"),
        question=_("Describe what was done (found, repaired, reported lost…)."),
        form=ResolveForm(_posted(request)),
        do=lambda d: services.resolve_discrepancy(request.user, record, d["resolution"]),
        back=reverse("archive:discrepancy_list"),
    )


@allowed("archive.manage")
@require_GET
def access_log(request):
    """Who opened which item page or downloaded which file, in the collections one manages."""
    managed = Item.objects.filter(collection_id__in=managed_collection_ids(request.user))
    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Item),
        action__in=ITEM_ACCESS_ACTIONS,
        object_id__in=managed.annotate(key=Cast("pk", CharField())).values("key"),
    ).select_related("actor")
    query = request.GET.get("q", "").strip()
    if query:
        entries = entries.filter(
            Q(actor__username__icontains=query)
            | Q(actor__last_name__icontains=query)
            | Q(actor__first_name__icontains=query)
            | Q(object_repr__icontains=query)
        )
    return render(
        request,
        "archive/access_log.html",
        {"page": _page(request, entries.order_by("-created_at", "-pk")), "query": query},
    )


# --- Registers ----------------------------------------------------------------------
def _register(request, kind, fmt):
    params = request.GET if kind == RegisterKind.ITEMS else {}
    try:
        return register_response(request.user, kind, params, fmt)
    except TooManyRows as error:
        queue_export(request.user, kind, params)
        messages.info(
            request,
            _(
                "%(count)s rows are too many for a PDF made on the spot: it is being made "
                "and you will be notified when it is ready."
            )
            % {"count": error.args[0]},
        )
        return redirect("archive:export_list")


@signed_in
@require_GET
def item_register(request, fmt):
    return _register(request, RegisterKind.ITEMS, fmt)


@signed_in
@require_GET
def loan_register(request, fmt):
    return _register(request, RegisterKind.LOANS, fmt)


@signed_in
@require_GET
def export_list(request):
    rows = RegisterExport.objects.filter(requested_by=request.user).order_by("-created_at", "-pk")
    return render(
        request,
        "archive/export_list.html",
        {"page": _page(request, rows), "now": timezone.now()},
    )


@signed_in
@require_GET
def export_download(request, pk):
    export = get_object_or_404(RegisterExport, pk=pk, requested_by=request.user)
    try:
        content = open_export(request.user, export)
    except WorkflowError as error:
        messages.error(request, str(error))
        return redirect("archive:export_list")
    name = f"archive-{export.kind}-{timezone.localtime(export.created_at):%Y%m%d-%H%M}.pdf"
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
