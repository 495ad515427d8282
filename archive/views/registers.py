"""The registers (PDF and Excel) and the exports made in the background.

Excel is made in the request. A PDF is made in the background (over a second even for a
few rows): its GET answers a page that offers it, and only that page's POST queues it.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from archive.choices import RegisterKind
from archive.exports import SEARCH_KEYS, queue_register
from archive.models import RegisterExport
from archive.registers import FORMATS, count_rows, excel_register
from onsite import export_views
from onsite.access import signed_in
from onsite.excel import XLSX
from onsite.paging import paginate
from onsite.permissions import visible
from onsite.ratelimit import throttled

CONTENT_TYPES = {"pdf": "application/pdf", "xlsx": XLSX}
BACK = {RegisterKind.ITEMS: "archive:item_list", RegisterKind.LOANS: "archive:my_loans"}


def _search(kind, data):
    """The item search a register was asked with (the loan register has none)."""
    if kind != RegisterKind.ITEMS:
        return {}
    return {key: data[key] for key in SEARCH_KEYS if data.get(key)}


@throttled("export")
def _register(request, kind, fmt):
    if fmt not in FORMATS:
        raise Http404
    params = _search(kind, request.GET)
    if fmt == "pdf":
        context = {
            "kind": kind,
            "title": RegisterKind(kind).label,
            "count": count_rows(request.user, kind, params),
            "params": params,
            "query": urlencode(params),
            "back": BACK[kind],
        }
        return render(request, "archive/register_background.html", context)
    content, name = excel_register(request.user, kind, params)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


@signed_in
@require_GET
def item_register(request, fmt):
    return _register(request, RegisterKind.ITEMS, fmt)


@signed_in
@require_GET
def loan_register(request, fmt):
    return _register(request, RegisterKind.LOANS, fmt)


@signed_in
@require_POST
def register_queue(request, kind):
    """Make a PDF register in the background (the button of the "too long" page)."""
    if kind not in RegisterKind.values:
        raise Http404
    queue_register(request.user, kind, _search(kind, request.POST))
    messages.info(request, _("The register is being made; you will be notified when it is ready."))
    return redirect("archive:export_list")


@signed_in
@require_GET
def export_list(request):
    rows = visible(request.user, RegisterExport).order_by("-created_at", "-pk")
    return render(
        request,
        "archive/export_list.html",
        {"page": paginate(request, rows), "now": timezone.now()},
    )


export_download = export_views.download_view(RegisterExport, back="archive:export_list")
export_retry = export_views.retry_view(RegisterExport, back="archive:export_list")
