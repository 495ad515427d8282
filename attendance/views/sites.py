"""Client sites as attendance sees them (HR): schedules, client days off, check-in rules."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from attendance import services
from attendance.forms import DayOffForm, PolicyForm, ScheduleForm
from attendance.models import CheckInPolicy, SiteDayOff, SiteSchedule
from onsite.access import allowed
from onsite.models import Site
from onsite.paging import paginate
from onsite.workflow import WorkflowError


@allowed("attendance.manage_sites")
@require_GET
def site_list(request):
    today = timezone.localdate()
    page = paginate(
        request, Site.objects.select_related("checkin_policy").prefetch_related("schedules")
    )
    rows = []
    for site in page.object_list:
        current = next((s for s in site.schedules.all() if s.valid_from <= today), None)
        upcoming = [s for s in site.schedules.all() if s.valid_from > today]
        rows.append((site, current, upcoming, getattr(site, "checkin_policy", None)))
    return render(request, "attendance/site_list.html", {"rows": rows, "page": page})


def _forms(request, site, which):
    """The page's three forms; only the one that was posted (``which``) is bound."""

    def data(name):
        return request.POST if which == name else None

    policy = CheckInPolicy.objects.filter(site=site).first()
    return {
        "schedule": ScheduleForm(data("schedule"), prefix="s"),
        "day_off": DayOffForm(data("day_off"), prefix="d"),
        "policy": PolicyForm(data("policy"), prefix="p", instance=policy),
    }


def _save(user, site, which, data):
    if which == "schedule":
        services.add_schedule(user, site, **data)
    elif which == "day_off":
        services.add_day_off(user, site, **data)
    else:
        services.save_policy(user, site, **data)


@allowed("attendance.manage_sites")
@require_http_methods(["GET", "POST"])
def site_detail(request, pk):
    site = get_object_or_404(Site, pk=pk)
    which = request.POST.get("form") if request.method == "POST" else None
    forms = _forms(request, site, which)
    form = forms.get(which)
    if form is not None and form.is_valid():
        try:
            _save(request.user, site, which, form.cleaned_data)
        except WorkflowError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("attendance:site_detail", site.pk)
    today = timezone.localdate()
    context = {
        "site": site,
        "schedules": SiteSchedule.objects.filter(site=site),
        "days_off": SiteDayOff.objects.filter(
            site=site, date__gte=today - timedelta(days=31)
        ).order_by("date"),
        "forms": forms,
        "today": today,
    }
    return render(request, "attendance/site_detail.html", context)


@allowed("attendance.manage_sites")
@require_POST
def site_day_off_delete(request, pk):
    day = get_object_or_404(SiteDayOff, pk=pk)
    services.remove_day_off(request.user, day)
    messages.success(request, _("The client day off was removed."))
    return redirect("attendance:site_detail", day.site_id)
