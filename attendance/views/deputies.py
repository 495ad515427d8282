"""Deputies (a supervisor away names who decides for them; HR may too) and the attendance
rules HR sets (how many missed punches a person may correct a month)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from attendance import services
from attendance.forms import DeputyForm, RulesForm
from attendance.models import AttendancePolicy, Delegation
from onsite.access import allowed
from onsite.choices import Role
from onsite.paging import paginate, posted
from onsite.permissions import has_role, may, visible
from onsite.workflow import WorkflowError


@allowed("attendance.name_deputy")
@require_http_methods(["GET", "POST"])
def deputies(request):
    choose = has_role(request.user, Role.HR)
    form = DeputyForm(posted(request), user=request.user, choose_supervisor=choose)
    if request.method == "POST" and form.is_valid():
        try:
            services.name_deputy(request.user, **form.service_kwargs())
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The deputy was named."))
            return redirect("attendance:deputies")
    today = timezone.localdate()
    rows = (
        visible(request.user, Delegation)
        .filter(end_date__gte=today)
        .select_related("supervisor__profile", "deputy__profile", "created_by")
        .order_by("start_date", "id")
    )
    page = paginate(request, rows)
    for row in page.object_list:
        row.may_withdraw = may(request.user, "attendance.name_deputy", row)
    context = {"form": form, "page": page, "today": today}
    return render(request, "attendance/deputies.html", context, status=400 if form.errors else 200)


@allowed("attendance.name_deputy")
@require_POST
def deputy_withdraw(request, pk):
    delegation = get_object_or_404(visible(request.user, Delegation), pk=pk)
    try:
        services.withdraw_deputy(request.user, delegation)
    except WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The deputy was withdrawn."))
    return redirect("attendance:deputies")


@allowed("attendance.manage_policy")
@require_http_methods(["GET", "POST"])
def rules(request):
    policy = AttendancePolicy.current()
    form = RulesForm(
        posted(request), initial={"corrections_per_month": policy.corrections_per_month}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.set_corrections_per_month(
                request.user, form.cleaned_data["corrections_per_month"]
            )
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The rules were saved."))
            return redirect("attendance:rules")
    return render(
        request, "attendance/rules.html", {"form": form}, status=400 if form.errors else 200
    )
