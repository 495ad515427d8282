"""Compliance per site and venue per month (table and chart), and its background exports."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from equipment import compliance
from equipment.exports import FORMATS, queue_compliance
from equipment.models import EquipmentExport
from onsite import export_views
from onsite.access import allowed, signed_in
from onsite.paging import paginate
from onsite.permissions import visible


def _month(request, data):
    return compliance.parse_month(data.get("month"), timezone.localdate().replace(day=1))


@allowed("equipment.lead")
@require_GET
def compliance_view(request):
    first = _month(request, request.GET)
    rows = compliance.month_rows(request.user, first)
    context = {
        "rows": rows,
        "total": compliance.totals(rows),
        "month": compliance.month_label(first),
        "chart": compliance.chart(rows),
    }
    return render(request, "equipment/compliance.html", context)


@allowed("equipment.lead")
@require_POST
def compliance_export(request, fmt):
    if fmt not in FORMATS:
        raise Http404
    queue_compliance(request.user, _month(request, request.POST), fmt)
    messages.info(request, _("The file is being made; you will be notified when it is ready."))
    return redirect("equipment:export_list")


@signed_in
@require_GET
def export_list(request):
    rows = visible(request.user, EquipmentExport).order_by("-created_at", "-pk")
    return render(
        request,
        "equipment/export_list.html",
        {"page": paginate(request, rows), "now": timezone.now()},
    )


export_download = export_views.download_view(EquipmentExport, back="equipment:export_list")
export_retry = export_views.retry_view(EquipmentExport, back="equipment:export_list")
