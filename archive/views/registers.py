"""The registers (PDF and Excel) and the exports made in the background."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from archive.choices import RegisterKind
from archive.exports import queue_register
from archive.models import RegisterExport
from archive.registers import FORMATS, TooManyRows, make_register
from onsite import export_views
from onsite.access import signed_in
from onsite.excel import XLSX
from onsite.paging import paginate
from onsite.permissions import visible

CONTENT_TYPES = {"pdf": "application/pdf", "xlsx": XLSX}


def _register(request, kind, fmt):
    if fmt not in FORMATS:
        return render(request, "404.html", status=404)
    params = request.GET if kind == RegisterKind.ITEMS else {}
    try:
        content, name = make_register(request.user, kind, params, fmt)
    except TooManyRows as error:
        queue_register(request.user, kind, params)
        messages.info(
            request,
            _(
                "%(count)s rows are too many for a PDF made on the spot: it is being made "
                "and you will be notified when it is ready."
            )
            % {"count": error.args[0]},
        )
        return redirect("archive:export_list")
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
@require_GET
def export_list(request):
    rows = visible(request.user, RegisterExport).order_by("-created_at", "-pk")
    return render(
        request,
        "archive/export_list.html",
        {"page": paginate(request, rows), "now": timezone.now()},
    )


export_download = export_views.download_view(RegisterExport, back="archive:export_list")
