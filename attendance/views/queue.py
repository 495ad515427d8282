"""The approval queue: requests waiting for the person, decided one by one or in bulk."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import empty
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from attendance import deciders, services
from attendance.approvals import sections_for
from attendance.choices import REQUEST_FLOWS
from attendance.forms import BulkDecisionForm
from attendance.holidays import calendar_warning
from attendance.views.common import flagged_departments
from attendance.views.queue_rows import queue_cells
from onsite.access import allowed
from onsite.permissions import may, visible


def _person(user):
    """The signed-in person themselves rather than the request's lazy stand-in (once it has
    been read): the queue asks who decides each of its rows, and every attribute read
    through the stand-in is a further call."""
    wrapped = getattr(user, "_wrapped", empty)
    return user if wrapped is empty else wrapped


@allowed("attendance.view_queue")
@require_GET
def queue(request):
    warn = may(request.user, "attendance.manage_calendar")
    person, now = _person(request.user), timezone.now()
    context = {
        "sections": queue_cells(sections_for(person, request.GET, now), now),
        "calendar_warning": calendar_warning() if warn else [],
        # The queue has read the day's routes to decide its rows (HR: its flagged ones).
        "flagged": flagged_departments(person, deciders.routes_for(person)),
        "may_name_deputy": may(request.user, "attendance.name_deputy"),
    }
    return render(request, "attendance/queue.html", context)


@allowed("attendance.view_queue")
@require_POST
def queue_decide(request):
    """Decide the chosen requests; an id not visible (or gone) is reported, not decided."""
    form = BulkDecisionForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("__all__", []) or [_("Choose at least one request.")]:
            messages.error(request, error)
        return redirect("attendance:queue")
    data = form.cleaned_data
    ids = list(dict.fromkeys(data["ids"]))
    model = REQUEST_FLOWS[data["what"]].model
    found = visible(request.user, model).in_bulk([pk for pk in ids if 0 < pk < 2**63])
    for pk in ids:
        if pk not in found:
            messages.error(request, _("#%(pk)s: no such request.") % {"pk": pk})
    chosen = [found[pk] for pk in ids if pk in found]
    done, errors = services.decide_many(
        request.user, data["what"], data["action"], chosen, data["comment"]
    )
    if done:
        messages.success(request, _("%(count)d request(s) decided.") % {"count": done})
    for error in errors:
        messages.error(request, error)
    return redirect("attendance:queue")
