"""Inventory: list, register, edit, retire equipment; its private files."""

from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from equipment import services
from equipment.choices import EQUIPMENT, FaultStatus, InspectionStatus
from equipment.filters import EquipmentFilter
from equipment.forms import AttachmentForm, EquipmentForm
from equipment.models import Attachment, Equipment, Inspection
from equipment.views.common import forbid_unless, visible_equipment
from onsite import audit
from onsite.access import allowed, signed_in
from onsite.paging import paginate, posted
from onsite.permissions import may, visible
from onsite.transition_views import transition_view
from onsite.workflow import WorkflowError


@allowed("equipment.use")
@require_GET
def equipment_list(request):
    rows = visible(request.user, Equipment).select_related("site", "venue", "responsible")
    found = EquipmentFilter(request.GET, queryset=rows)
    context = {
        "filter": found,
        "page": paginate(request, found.qs),
        "may_register": may(request.user, "equipment.register_equipment"),
        "may_lead": may(request.user, "equipment.lead"),
        "query": request.GET.urlencode(),
    }
    return render(request, "equipment/equipment_list.html", context)


@allowed("equipment.use")
@require_http_methods(["GET", "POST"])
def equipment_create(request):
    forbid_unless(request.user, "equipment.register_equipment")
    form = EquipmentForm(posted(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            device = services.register_equipment(request.user, **data)
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The equipment was recorded."))
            return redirect(device)
    return render(request, "equipment/form.html", {"form": form, "title": _("Record equipment")})


@signed_in
@require_GET
def equipment_detail(request, pk):
    device = visible_equipment(request, pk)
    inspections = (
        Inspection.objects.filter(plan__equipment=device, status=InspectionStatus.DUE)
        .select_related("plan")
        .order_by("due_on")
    )
    context = {
        "device": device,
        "today": timezone.localdate(),
        "due": list(inspections),
        "plans": list(device.plans.all()),
        "faults": list(device.faults.all()[:20]),
        "open_faults": device.faults.exclude(
            status__in=[FaultStatus.FIXED, FaultStatus.CLOSED]
        ).count(),
        "attachments": list(device.attachments.select_related("uploaded_by")),
        "history": list(audit.history(device)[:30]),
        "may_edit": may(request.user, "equipment.edit_equipment", device),
        "may_report": may(request.user, "equipment.report_fault", device),
    }
    return render(request, "equipment/equipment_detail.html", context)


@signed_in
@require_http_methods(["GET", "POST"])
def equipment_edit(request, pk):
    device = visible_equipment(request, pk)
    forbid_unless(request.user, "equipment.edit_equipment", device)
    form = EquipmentForm(
        posted(request), instance=Equipment.objects.get(pk=device.pk), user=request.user
    )
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in services.inventory.EDITABLE}
        try:
            services.update_equipment(request.user, device, changes)
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Saved."))
            return redirect(device)
    return render(
        request,
        "equipment/form.html",
        {
            "form": form,
            "title": _("Edit %(name)s") % {"name": device},
            "cancel_url": device.get_absolute_url(),
        },
    )


# Retire, put back: the generic confirmation page of each transition.
equipment_action = transition_view(EQUIPMENT, visible_equipment)


@signed_in
@require_http_methods(["GET", "POST"])
def attachment_upload(request, pk):
    device = visible_equipment(request, pk)
    forbid_unless(request.user, "equipment.edit_equipment", device)
    form = AttachmentForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_attachment(
                request.user,
                device,
                form.cleaned_data["file"],
                kind=form.cleaned_data["kind"],
                note=form.cleaned_data["note"],
            )
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The file was stored."))
            return redirect(device)
    return render(
        request,
        "equipment/form.html",
        {
            "form": form,
            "multipart": True,
            "title": _("Add a file to %(name)s") % {"name": device},
            "cancel_url": device.get_absolute_url(),
        },
        status=400 if form.errors else 200,
    )


@signed_in
@require_GET
def attachment_download(request, pk):
    attachment = get_object_or_404(
        visible(request.user, Attachment).select_related("equipment"), pk=pk
    )
    try:
        handle = services.open_attachment(request.user, attachment)
    except WorkflowError as error:
        messages.error(request, str(error))
        return redirect(attachment.equipment)
    return FileResponse(handle, as_attachment=True, filename=attachment.original_name)
