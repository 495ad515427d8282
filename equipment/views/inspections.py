"""Due work (list and week calendar), an inspection's page, recording it from a phone."""

from datetime import timedelta

from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from equipment import services
from equipment.choices import INSPECTION, InspectionStatus
from equipment.due import projected_week
from equipment.forms import InspectionForm
from equipment.models import Inspection, InspectionResult
from equipment.views.common import visible_inspection
from onsite import audit
from onsite.access import allowed, signed_in
from onsite.models import Site, Venue
from onsite.paging import paginate, posted
from onsite.permissions import visible
from onsite.storage import sha256_of
from onsite.transition_views import transition_page, transition_view


def _parse_date(value, default):
    from datetime import date

    try:
        return date.fromisoformat(value) if value else default
    except ValueError:
        return default


def _due_rows(request):
    rows = visible(request.user, Inspection).filter(status=InspectionStatus.DUE)
    who = request.GET.get("who", "mine")
    if who == "mine":
        rows = rows.filter(Q(plan__assignee=request.user) | Q(plan__assignee__isnull=True))
    site = request.GET.get("site", "")
    if site.isdigit():
        rows = rows.filter(plan__site_id=int(site))
    venue = request.GET.get("venue", "")
    if venue.isdigit():
        rows = rows.filter(plan__venue_id=int(venue))
    return rows.select_related("plan__site", "plan__venue", "plan__assignee"), who


def _filter_context(request, rows, who):
    places = rows.values_list("plan__site_id", "plan__venue_id")
    return {
        "who": who,
        "sites": Site.objects.filter(pk__in=places.values("plan__site_id")),
        "venues": Venue.objects.filter(pk__in=places.values("plan__venue_id")),
        "site": request.GET.get("site", ""),
        "venue": request.GET.get("venue", ""),
    }


@allowed("equipment.use")
@require_GET
def due_list(request):
    """What is due up to the end of the week, overdue first, a page at a time: each group
    (overdue, today, this week) shows its rows of the page and its count over all pages."""
    today = timezone.localdate()
    week_end = today + timedelta(days=6 - today.weekday())
    rows, who = _due_rows(request)
    shown = rows.filter(due_on__lte=week_end).order_by("due_on", "pk")
    page = paginate(request, shown)
    totals = shown.aggregate(
        overdue=Count("pk", filter=Q(due_on__lt=today)),
        today=Count("pk", filter=Q(due_on=today)),
        week=Count("pk", filter=Q(due_on__gt=today)),
    )
    groups = [
        ("overdue", _("Overdue"), [i for i in page if i.due_on < today], totals["overdue"]),
        ("today", _("Today"), [i for i in page if i.due_on == today], totals["today"]),
        ("week", _("This week"), [i for i in page if i.due_on > today], totals["week"]),
    ]
    context = {
        "groups": groups,
        "page": page,
        "today": today,
        **_filter_context(request, rows, who),
    }
    return render(request, "equipment/due_list.html", context)


@allowed("equipment.use")
@require_GET
def due_calendar(request):
    today = timezone.localdate()
    start = _parse_date(request.GET.get("week"), today)
    start -= timedelta(days=start.weekday())
    rows, who = _due_rows(request)
    days = projected_week(rows, start, today)
    context = {
        "days": days,
        "start": start,
        "previous": start - timedelta(days=7),
        "next": start + timedelta(days=7),
        "today": today,
        **_filter_context(request, rows, who),
    }
    return render(request, "equipment/due_calendar.html", context)


@signed_in
@require_GET
def inspection_detail(request, pk):
    inspection = visible_inspection(request, pk)
    results = list(inspection.results.select_related("equipment", "fault"))
    context = {
        "inspection": inspection,
        "results": results,
        "history": list(audit.history(inspection)),
    }
    return render(request, "equipment/inspection_detail.html", context)


@signed_in
@require_http_methods(["GET", "POST"])
def inspection_record(request, pk):
    inspection = visible_inspection(request, pk)
    lines = services.expected_lines(inspection.plan)
    form = InspectionForm(posted(request), request.FILES or None, lines=lines)
    return transition_page(
        request,
        INSPECTION,
        inspection,
        "record",
        form=form,
        template="equipment/inspection_record.html",
        context={"inspection": inspection, "title": inspection.plan.title},
    )


# Mark missed: the generic confirmation page.
inspection_action = transition_view(INSPECTION, visible_inspection)


@signed_in
@require_GET
def result_photo(request, pk):
    """A photo of an inspection, to those who see the inspection, after its SHA-256 matched."""
    result = get_object_or_404(
        InspectionResult.objects.filter(
            inspection__in=visible(request.user, Inspection).values("pk")
        ),
        pk=pk,
    )
    if not result.photo:
        raise Http404
    handle = result.photo.storage.open(result.photo.name, "rb")
    if sha256_of(handle) != result.photo_sha256:
        handle.close()
        audit.record(request.user, "equipment.attachment.checksum_mismatch", result.inspection)
        raise Http404
    name = _("Inspections") + f"-{result.inspection_id}.jpg"
    return FileResponse(handle, content_type="image/jpeg", filename=name)
