"""Assigned tasks: the supervisor assigns; the assignee accepts, reports progress and
completes with a result; overdue is derived from the due date."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from duties.choices import OPEN_TASK_STATES, TASK
from duties.filters import TaskFilter
from duties.forms.common import comment_form
from duties.forms.work import ProgressForm, TaskForm
from duties.models import Task
from duties.services import tasks as service
from duties.views.common import fetch, form_page
from onsite import audit
from onsite.access import allowed, signed_in
from onsite.paging import paginate, posted
from onsite.permissions import may, visible
from onsite.transition_views import transition_view
from onsite.workflow import WorkflowError


def _rows(queryset):
    return queryset.select_related("assignee", "assigned_by", "site").order_by("due_date", "pk")


@signed_in
@require_GET
def task_list(request):
    """My tasks (the open ones first) or, for supervisors, the tasks of their departments."""
    user = request.user
    team = request.GET.get("team") == "1" and may(user, "duties.supervise")
    rows = (
        visible(user, Task).exclude(assignee=user) if team else Task.objects.filter(assignee=user)
    )
    if not request.GET.get("status"):
        rows = rows.filter(status__in=OPEN_TASK_STATES)
    filters = TaskFilter(request.GET, queryset=_rows(rows))
    context = {
        "page": paginate(request, filters.qs),
        "filters": filters,
        "team": team,
        "supervises": may(user, "duties.supervise"),
        "today": timezone.localdate(),
    }
    return render(request, "duties/task_list.html", context)


@allowed("duties.assign_task")
@require_http_methods(["GET", "POST"])
def task_create(request):
    form = TaskForm(posted(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        assignee = data.pop("assignee")
        try:
            task = service.assign_task(request.user, assignee, **data)
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The task was assigned."))
            return redirect(task)
    return form_page(
        request, form, title=_("Assign a task"), back=reverse("duties:task_list") + "?team=1"
    )


def visible_task(request, pk):
    return fetch(
        request, Task.objects.select_related("assignee__profile", "assigned_by", "site"), pk
    )


@signed_in
@require_GET
def task_detail(request, pk):
    task = visible_task(request, pk)
    context = {
        "task": task,
        "overdue": task.is_overdue(timezone.localdate()),
        "history": list(audit.history(task)),
    }
    return render(request, "duties/task_detail.html", context)


task_action = transition_view(
    TASK,
    visible_task,
    forms={
        "progress": ProgressForm,
        "complete": comment_form(gettext_lazy("Result")),
        "cancel": comment_form(gettext_lazy("Why it is cancelled")),
    },
)
