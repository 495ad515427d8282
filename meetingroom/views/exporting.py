"""Exports of the access log and denied attempts: ask for one, see mine, download mine."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from meetingroom.exports import queue_export
from meetingroom.forms import ExportForm
from meetingroom.models import AccessLogExport
from onsite import export_views
from onsite.access import allowed
from onsite.models import Venue
from onsite.paging import paginate, posted
from onsite.permissions import managed_venue_ids, visible


@allowed("meetingroom.export")
@require_http_methods(["GET", "POST"])
def export_list(request):
    venues = Venue.objects.filter(pk__in=managed_venue_ids(request.user)).select_related("site")
    today = timezone.localdate()
    form = ExportForm(
        posted(request),
        venues=venues,
        initial={"date_from": today.replace(day=1), "date_to": today},
    )
    if request.method == "POST" and form.is_valid():
        queue_export(request.user, **form.cleaned_data)
        messages.success(
            request, _("The file is being made; you will be notified when it is ready.")
        )
        return redirect("meetingroom:export_list")
    rows = (
        visible(request.user, AccessLogExport)
        .select_related("venue")
        .order_by("-created_at", "-pk")
    )
    return render(
        request,
        "meetingroom/export_list.html",
        {"form": form, "page": paginate(request, rows)},
        status=400 if form.errors else 200,
    )


export_download = export_views.download_view(AccessLogExport, back="meetingroom:export_list")
