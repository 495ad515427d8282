"""The personal calendar feed: its settings page (renew, revoke) and the token URL itself."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from equipment import ical
from equipment.models import CalendarFeed
from onsite.access import allowed


@allowed("equipment.use")
@require_http_methods(["GET", "POST"])
def feed_settings(request):
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            ical.revoke(request.user)
            messages.success(request, _("The calendar link was revoked."))
        else:
            ical.renew(request.user)
            messages.success(
                request, _("A new calendar link was made; the old one no longer works.")
            )
        return redirect("equipment:feed_settings")
    feed = CalendarFeed.objects.filter(user=request.user).first()
    url = request.build_absolute_uri(feed_url(feed)) if feed else ""
    return render(request, "equipment/feed_settings.html", {"feed": feed, "url": url})


def feed_url(feed):
    from django.urls import reverse

    return reverse("equipment:feed", args=[feed.token])


@require_GET
def feed(request, token):
    """The .ics of the link's owner; an unknown (revoked) token answers 404."""
    found = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if found is None or not found.user.is_active:
        raise Http404
    base = request.build_absolute_uri("/").rstrip("/")
    response = HttpResponse(
        ical.feed_bytes(found.user, base), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition_header(False, _("Inspections") + ".ics")
    return response
