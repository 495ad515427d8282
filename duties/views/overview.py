"""The duties overview: what is waiting for the person, and where each part lives."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from duties import todo
from onsite.access import signed_in
from onsite.permissions import may


@signed_in
@require_GET
def overview(request):
    context = {
        "todo": todo.for_person(request.user),
        "supervises": may(request.user, "duties.supervise"),
    }
    return render(request, "duties/overview.html", context)
