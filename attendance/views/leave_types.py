"""Leave types and personal allowances (HR)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from attendance import services
from attendance.forms import AllowanceForm, LeaveTypeForm
from attendance.models import LeaveAllowance, LeaveType
from attendance.views.common import year_of
from onsite.access import allowed
from onsite.paging import paginate, posted


@allowed("attendance.manage_leave_types")
@require_GET
def leave_types_list(request):
    return render(request, "attendance/leave_types.html", {"types": LeaveType.objects.all()})


@allowed("attendance.manage_leave_types")
@require_http_methods(["GET", "POST"])
def leave_allowances(request):
    year = year_of(request)
    form = AllowanceForm(posted(request), initial={"year": year})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.set_allowance(
            request.user,
            user=data["user"],
            leave_type=data["leave_type"],
            year=data["year"],
            days=data["days"],
        )
        messages.success(request, _("The allowance was saved."))
        return redirect(f"{reverse('attendance:leave_allowances')}?year={data['year']}")
    rows = LeaveAllowance.objects.filter(year=year).select_related(
        "user__profile__department", "leave_type"
    )
    return render(
        request,
        "attendance/leave_allowances.html",
        {"form": form, "page": paginate(request, rows), "year": year},
    )


@allowed("attendance.manage_leave_types")
@require_http_methods(["GET", "POST"])
def leave_type_edit(request, pk=None):
    instance = get_object_or_404(LeaveType, pk=pk) if pk else None
    form = LeaveTypeForm(posted(request), instance=instance)
    if request.method == "POST" and form.is_valid():
        services.save_leave_type(request.user, form.instance, form.changed_data)
        messages.success(request, _("The leave type was saved."))
        return redirect("attendance:leave_types")
    return render(request, "attendance/leave_type_form.html", {"form": form, "object": instance})
