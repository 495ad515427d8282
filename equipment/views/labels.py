"""The QR label sheet (PDF) of chosen devices, or of the inventory list's search."""

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from equipment.filters import EquipmentFilter
from equipment.labels import MAX_LABELS, label_sheet
from equipment.models import Equipment
from onsite.access import allowed
from onsite.permissions import visible
from onsite.ratelimit import throttled


@allowed("equipment.use")
@require_GET
@throttled("export")
def labels(request):
    rows = visible(request.user, Equipment).select_related("site", "venue")
    ids = [int(value) for value in request.GET.getlist("id") if value.isdigit()]
    rows = rows.filter(pk__in=ids) if ids else EquipmentFilter(request.GET, queryset=rows).qs
    devices = list(rows.order_by("site__code", "name", "pk")[:MAX_LABELS])
    content = label_sheet(devices, request.build_absolute_uri("/"), exported_by=request.user)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        True, _("Equipment labels") + ".pdf"
    )
    return response
