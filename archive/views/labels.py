"""Copy labels: a sheet of QR labels as PDF, and scanning a label during a shelf audit."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from archive import services
from archive.choices import CopyStatus
from archive.forms import LabelForm, ScanForm
from archive.labels import label_sheet
from archive.models import Collection, Copy, Item
from archive.permissions import kept_collection_ids
from archive.views.audits import check_results, visible_audit
from onsite.access import allowed, signed_in
from onsite.permissions import may
from onsite.workflow import WorkflowError


@allowed("archive.print_labels")
@require_GET
def labels(request):
    """The labels of the kept copies of the chosen items (``?item=``) or of a collection
    (``?collection=``), among the collections one keeps."""
    kept = kept_collection_ids(request.user)
    form = LabelForm(
        request.GET,
        items=Item.objects.filter(collection_id__in=kept),
        collections=Collection.objects.filter(pk__in=kept),
    )
    wanted = Q(pk__in=[])
    if form.is_valid():
        if form.cleaned_data["item"]:
            wanted |= Q(item__in=form.cleaned_data["item"])
        if form.cleaned_data["collection"]:
            wanted |= Q(item__collection=form.cleaned_data["collection"])
    copies = (
        Copy.objects.filter(wanted, item__collection_id__in=kept, status=CopyStatus.KEPT)
        .select_related("item__collection")
        .order_by("item__collection__code", "item_id", "number")
    )
    pdf = label_sheet(list(copies), exported_by=request.user)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, _("Copy labels") + ".pdf")
    return response


@signed_in
@require_POST
def audit_scan(request, pk):
    """A copy's label scanned (or typed) on the audit's page: its line is marked found; a
    copy the audit does not expect is refused with a message, nothing saved."""
    record = visible_audit(request, pk)
    if not may(request.user, "archive.complete_audit", record):
        raise PermissionDenied
    form = ScanForm(request.POST)
    error, line = "", None
    if form.is_valid():
        try:
            line = services.scan_copy(
                request.user, record, form.cleaned_data["code"], form.cleaned_data["note"]
            )
        except WorkflowError as refused:
            error = str(refused)
    else:
        error = " ".join(str(e) for errors in form.errors.values() for e in errors)
    if request.htmx:
        context = {
            "line": line,
            "error": error,
            "may_check": True,
            "results": check_results(),
            "page": {"number": request.POST.get("page", 1)},
        }
        return render(request, "archive/includes/scan_result.html", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, str(line.copy))
    return redirect(reverse("archive:audit_detail", args=[record.pk]))
