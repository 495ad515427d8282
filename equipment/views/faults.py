"""Faults: list, report one for a device, a fault's page and its transitions."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from equipment import services
from equipment.choices import FAULT, OPEN_FAULT_STATES
from equipment.filters import FaultFilter
from equipment.forms import FaultForm, FaultTimeForm, FixForm
from equipment.models import Fault
from equipment.views.common import forbid_unless, visible_equipment, visible_fault
from equipment.views.fault_rows import fault_rows
from onsite import audit
from onsite.access import allowed, signed_in
from onsite.paging import paginate, posted
from onsite.permissions import visible
from onsite.transition_views import transition_view
from onsite.workflow import WorkflowError


@allowed("equipment.use")
@require_GET
def fault_list(request):
    rows = visible(request.user, Fault).select_related("equipment__site", "equipment__venue")
    if "status" not in request.GET and request.GET.get("show") != "all":
        rows = rows.filter(status__in=OPEN_FAULT_STATES)
    found = FaultFilter(request.GET, queryset=rows)
    page = paginate(request, found.qs)
    context = {
        "filter": found,
        "page": page,
        "rows": fault_rows(page.object_list),
        "show": request.GET.get("show", ""),
    }
    return render(request, "equipment/fault_list.html", context)


@signed_in
@require_http_methods(["GET", "POST"])
def fault_report(request, pk):
    device = visible_equipment(request, pk)
    forbid_unless(request.user, "equipment.report_fault", device)
    form = FaultForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            fault = services.report_fault(request.user, device, **form.cleaned_data)
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The fault was recorded; the supervisors were told."))
            return redirect(fault)
    return render(
        request,
        "equipment/form.html",
        {
            "form": form,
            "title": _("Report a fault of %(name)s") % {"name": device},
            "cancel_url": device.get_absolute_url(),
        },
        status=400 if form.errors else 200,
    )


@signed_in
@require_GET
def fault_detail(request, pk):
    fault = visible_fault(request, pk)
    return render(
        request,
        "equipment/fault_detail.html",
        {"fault": fault, "history": list(audit.history(fault))},
    )


# Respond, fix, close: the generic confirmation pages (respond and fix ask when).
fault_action = transition_view(
    FAULT, visible_fault, forms={"respond": FaultTimeForm, "fix": FixForm}
)
