"""Inventory import (upload → row-by-row preview → confirm) and export (Excel, CSV)."""

import uuid
from pathlib import PurePath

from django.contrib import messages
from django.core.files.base import ContentFile
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from equipment import importing
from equipment.filters import EquipmentFilter
from equipment.forms import ImportForm
from equipment.models import Equipment, equipment_storage
from onsite import audit
from onsite.access import allowed
from onsite.excel import XLSX
from onsite.paging import posted
from onsite.permissions import visible
from onsite.ratelimit import throttled

SESSION_KEY = "equipment_import"


def _format_of(name):
    return PurePath(name).suffix.lower().lstrip(".")


def _render(request, form, report=None, token="", status=200):
    return render(
        request,
        "equipment/import.html",
        {"form": form, "report": report, "token": token, "columns": importing.COLUMNS},
        status=status,
    )


@allowed("equipment.lead")
@require_http_methods(["GET", "POST"])
def import_view(request):
    """Upload a file: every row is checked (nothing saved) and shown with its errors."""
    form = ImportForm(posted(request), request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return _render(request, form, status=400 if form.errors else 200)
    upload = form.cleaned_data["file"]
    fmt = _format_of(upload.name)
    content = upload.read()
    try:
        data = importing.read_table(content, fmt)
    except importing.ImportFileError as error:
        form.add_error("file", str(error))
        return _render(request, form, status=400)
    report = importing.run_import(request.user, data, save=False)
    token = ""
    if report.valid:
        token = uuid.uuid4().hex
        name = equipment_storage.save(f"imports/{token}.{fmt}", ContentFile(content))
        request.session[SESSION_KEY] = {"token": token, "name": name, "fmt": fmt}
    return _render(request, ImportForm(), report, token)


@allowed("equipment.lead")
@require_POST
def import_confirm(request):
    """Save the previewed file: every row, or none if any row fails now."""
    pending = request.session.get(SESSION_KEY) or {}
    if not pending or request.POST.get("token") != pending.get("token"):
        messages.error(request, _("Upload the file again: this preview is no longer available."))
        return redirect("equipment:import")
    with equipment_storage.open(pending["name"], "rb") as stored:
        content = stored.read()
    equipment_storage.delete(pending["name"])
    del request.session[SESSION_KEY]
    report = importing.run_import(
        request.user, importing.read_table(content, pending["fmt"]), save=True
    )
    if not report.saved:
        messages.error(request, _("Nothing was saved: some rows are no longer valid."))
        return _render(request, ImportForm(), report, status=400)
    audit.record(request.user, "equipment.equipment.import", comment=f"{len(report.rows)} rows")
    messages.success(request, _("%(n)s rows were saved.") % {"n": len(report.rows)})
    return redirect("equipment:equipment_list")


@allowed("equipment.use")
@require_GET
@throttled("export")
def inventory_export(request, fmt):
    if fmt not in importing.FORMATS:
        raise Http404
    rows = EquipmentFilter(request.GET, queryset=visible(request.user, Equipment)).qs
    content = importing.export_table(rows, fmt)
    response = HttpResponse(content, content_type=XLSX if fmt == "xlsx" else "text/csv")
    stamp = timezone.localdate().strftime("%Y%m%d")
    response["Content-Disposition"] = content_disposition_header(
        True, _("Inventory") + f"-{stamp}.{fmt}"
    )
    return response
