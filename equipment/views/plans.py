"""Maintenance plans: list, create, edit, and the page of one plan."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from equipment import recurrence, services
from equipment.filters import PlanFilter
from equipment.forms import PlanForm
from equipment.models import MaintenancePlan
from equipment.views.common import forbid_unless, visible_plan
from onsite import audit
from onsite.access import allowed, signed_in
from onsite.paging import paginate, posted
from onsite.permissions import may, visible
from onsite.workflow import WorkflowError


@allowed("equipment.use")
@require_GET
def plan_list(request):
    rows = visible(request.user, MaintenancePlan).select_related("site", "venue", "assignee")
    found = PlanFilter(request.GET, queryset=rows)
    page = paginate(request, found.qs)
    for plan in page:
        plan.recurrence_label = recurrence.describe(plan)
    context = {
        "filter": found,
        "page": page,
        "may_create": may(request.user, "equipment.manage_plan"),
    }
    return render(request, "equipment/plan_list.html", context)


def _save(request, form, instance, title, cancel_url):
    if request.method == "POST" and form.is_valid():
        plan = form.save(commit=False)
        try:
            services.save_plan(request.user, plan, form.cleaned_data["equipment"])
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The plan was saved."))
            return redirect(plan)
    return render(
        request,
        "equipment/form.html",
        {"form": form, "title": title, "cancel_url": cancel_url},
        status=400 if form.errors else 200,
    )


@allowed("equipment.lead")
@require_http_methods(["GET", "POST"])
def plan_create(request):
    form = PlanForm(posted(request), user=request.user)
    return _save(request, form, None, _("New maintenance plan"), None)


@signed_in
@require_http_methods(["GET", "POST"])
def plan_edit(request, pk):
    plan = visible_plan(request, pk)
    forbid_unless(request.user, "equipment.manage_plan", plan)
    form = PlanForm(posted(request), instance=plan, user=request.user)
    return _save(request, form, plan, _("Edit %(plan)s") % {"plan": plan}, plan.get_absolute_url())


@signed_in
@require_GET
def plan_detail(request, pk):
    plan = visible_plan(request, pk)
    context = {
        "plan": plan,
        "recurrence_label": recurrence.describe(plan),
        "devices": list(plan.equipment.select_related("venue")),
        "inspections": list(plan.inspections.select_related("done_by").order_by("-due_on")[:24]),
        "history": list(audit.history(plan)[:20]),
        "may_edit": may(request.user, "equipment.manage_plan", plan),
    }
    return render(request, "equipment/plan_detail.html", context)
