"""Files made in the background for the person: the receipts of a document as Excel."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from duties.exports import queue_receipts
from duties.models import DutiesExport
from duties.views.common import forbid_unless
from duties.views.documents import visible_document
from onsite import export_views
from onsite.access import signed_in
from onsite.paging import paginate
from onsite.permissions import visible
from onsite.workflow import WorkflowError


@signed_in
@require_POST
def receipts_export(request, pk):
    """Queue the Excel of a document's receipts (the rows the person may follow)."""
    document = visible_document(request, pk)
    forbid_unless(request.user, "duties.see_receipts", document)
    try:
        queue_receipts(request.user, document)
    except WorkflowError as error:
        messages.error(request, str(error))
        return redirect("duties:document_receipts", document.pk)
    messages.info(request, _("The Excel file is being made; you will be told when it is ready."))
    return redirect("duties:export_list")


@signed_in
@require_GET
def export_list(request):
    rows = visible(request.user, DutiesExport).order_by("-created_at", "-pk")
    context = {"page": paginate(request, rows), "now": timezone.now()}
    return render(request, "duties/export_list.html", context)


export_download = export_views.download_view(DutiesExport, back="duties:export_list")
