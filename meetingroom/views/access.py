"""The venues, the access log (entries, exits, refusals), the door page and visits."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models import OuterRef, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_http_methods

from meetingroom import services
from meetingroom.choices import ENTRY, VISIT, VisitStatus
from meetingroom.filters import AccessLogFilter, DenialFilter, VisitFilter
from meetingroom.forms import AdmitForm, EntryForm, VisitForm
from meetingroom.models import AccessEntry, DeniedAttempt, Visit, settings_for
from meetingroom.views.common import (
    fetch,
    forbid_unless,
    lockdowns,
    next_meeting,
    safe_next,
    visible_venue,
)
from meetingroom.views.visit_rows import visit_rows
from onsite import audit
from onsite.access import allowed, signed_in
from onsite.counting import count_of
from onsite.models import Assignment, Venue
from onsite.names import display_name
from onsite.paging import paginate, posted
from onsite.permissions import may, visible
from onsite.transition_views import transition_page, transition_view
from onsite.workflow import WorkflowError


def _inside_count():
    """How many are inside a venue, counted over its open entries only (the partial index
    of open entries), not over a join with its whole access log."""
    return count_of(
        AccessEntry.objects.filter(venue=OuterRef("pk"), exited_at__isnull=True), "venue"
    )


@allowed("meetingroom.use")
@require_GET
def index(request):
    """The venues the person may see, with who is inside and the lockdown state."""
    now = timezone.now()
    venues = list(
        visible(request.user, Venue)
        .select_related("site", "meeting_settings")
        .annotate(inside=_inside_count())
        .order_by("site__code", "name")
    )
    locked = lockdowns(venues, now)
    rows = [(venue, locked.get(venue.pk)) for venue in venues]
    return render(request, "meetingroom/index.html", {"rows": rows})


def _hub(request, venue, now):
    hours = settings_for(venue).open_hours
    inside = list(services.inside(venue))
    for entry in inside:
        entry.open_flag = entry.open_too_long(now, hours)
    return {
        "venue": venue,
        "now": now,
        "inside": inside,
        "lockdown": services.lockdown_meeting(venue, now),
        "next_meeting": next_meeting(venue, now),
        "may_log": may(request.user, "meetingroom.log", venue),
        "may_manage": may(request.user, "meetingroom.schedule_meeting", venue),
        "may_see_denials": may(request.user, "meetingroom.see_denials", venue),
        "may_door": may(request.user, "meetingroom.door", venue),
    }


@signed_in
@require_GET
def venue_detail(request, pk):
    venue = visible_venue(request, pk)
    return render(request, "meetingroom/venue_detail.html", _hub(request, venue, timezone.now()))


@signed_in
@require_GET
def door(request, pk):
    """The tablet at the control-room door: refreshes itself every 30 s (htmx)."""
    venue = visible_venue(request, pk)
    forbid_unless(request.user, "meetingroom.door", venue)
    context = _hub(request, venue, timezone.now())
    context["form"] = _entry_form(request, venue, None)
    return render(request, "meetingroom/door.html", context)


@signed_in
@require_GET
def door_panel(request, pk):
    venue = visible_venue(request, pk)
    forbid_unless(request.user, "meetingroom.door", venue)
    return render(
        request, "meetingroom/includes/door_panel.html", _hub(request, venue, timezone.now())
    )


def venue_people(venue, day):
    """Managers, leaders and the staff assigned to the venue's site on ``day``."""
    assigned = Assignment.objects.filter(site_id=venue.site_id, start_date__lte=day).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=day)
    )
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(managed_venues=venue)
            | Q(led_venues=venue)
            | Q(pk__in=assigned.values("user_id"), groups__name="staff")
        )
        .distinct()
        .order_by("last_name", "first_name")
    )


def _entry_form(request, venue, data):
    now = timezone.now()
    visits = Visit.objects.filter(
        venue=venue,
        status__in=[VisitStatus.FILED, VisitStatus.APPROVED],
        expected_until__gte=now - timedelta(days=1),
    ).order_by("expected_from")
    return EntryForm(
        data,
        people=venue_people(venue, timezone.localdate()),
        visits=visits,
        supervisors=venue.managers.filter(is_active=True).order_by("last_name", "first_name"),
    )


@signed_in
@require_http_methods(["GET", "POST"])
def entry_create(request, pk):
    """Log an entry (a refusal is recorded and said why)."""
    venue = visible_venue(request, pk)
    forbid_unless(request.user, "meetingroom.log", venue)
    form = _entry_form(request, venue, posted(request))
    back = safe_next(request, reverse("meetingroom:venue_detail", args=[venue.pk]))
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.log_entry(request.user, venue, **form.cleaned_data)
        except WorkflowError as error:
            if back == reverse("meetingroom:door", args=[venue.pk]):
                messages.error(request, str(error))  # the tablet shows why, at the door
                return redirect(back)
            form.add_error(None, str(error))
        else:
            messages.success(request, _("%(name)s entered.") % {"name": entry.name})
            return redirect(back)
    return render(
        request,
        "meetingroom/form.html",
        {
            "form": form,
            "title": _("Log an entry"),
            "venue": venue,
            "back": back,
            "submit_label": _("Log the entry"),
        },
        status=400 if form.errors else 200,
    )


visible_entry = fetch(AccessEntry, "venue__site", "person", "visit", "supervisor", "logged_by")


@signed_in
@require_GET
def entry_detail(request, pk):
    entry = visible_entry(request, pk)
    rows = [
        (_("Who"), entry.name),
        (pgettext("meetingroom", "Organisation"), entry.organisation),
        (pgettext("meetingroom", "Purpose"), entry.purpose),
        (_("Supervising person"), display_name(entry.supervisor)),
        (_("Time in"), timezone.localtime(entry.entered_at).strftime("%Y-%m-%d %H:%M")),
        (
            _("Time out"),
            timezone.localtime(entry.exited_at).strftime("%Y-%m-%d %H:%M")
            if entry.exited_at
            else "—",
        ),
        (_("Status"), entry.get_status_display()),
    ]
    return render(
        request,
        "meetingroom/detail.html",
        {
            "object": entry,
            "title": entry.name,
            "rows": rows,
            "back": reverse("meetingroom:access_log", args=[entry.venue_id]),
            "back_label": _("Access log"),
            "history": list(audit.history(entry)),
        },
    )


@signed_in
@require_http_methods(["GET", "POST"])
def entry_exit(request, pk):
    entry = visible_entry(request, pk)
    back = safe_next(request, entry.get_absolute_url())
    return transition_page(
        request,
        ENTRY,
        entry,
        "exit",
        back=back,
        template="meetingroom/confirm.html",
        context={"next": back},
    )


@signed_in
@require_GET
def access_log(request, pk):
    venue = visible_venue(request, pk)
    rows = (
        AccessEntry.objects.filter(venue=venue)
        .select_related("supervisor")
        .order_by("-entered_at", "-pk")
    )
    filters = AccessLogFilter(request.GET, queryset=rows)
    now = timezone.now()
    return render(
        request,
        "meetingroom/access_log.html",
        {
            "venue": venue,
            "filters": filters,
            "page": paginate(request, filters.qs),
            "flag_before": now - timedelta(hours=settings_for(venue).open_hours),
            "may_log": may(request.user, "meetingroom.log", venue),
        },
    )


@signed_in
@require_GET
def denial_list(request, pk):
    venue = visible_venue(request, pk)
    forbid_unless(request.user, "meetingroom.see_denials", venue)
    rows = visible(request.user, DeniedAttempt).filter(venue=venue).select_related("logged_by")
    filters = DenialFilter(request.GET, queryset=rows)
    return render(
        request,
        "meetingroom/denial_list.html",
        {"venue": venue, "filters": filters, "page": paginate(request, filters.qs)},
    )


# --- Visits ---------------------------------------------------------------------------
@signed_in
@require_GET
def visit_list(request, pk):
    venue = visible_venue(request, pk)
    rows = Visit.objects.filter(venue=venue).select_related("supervisor", "filed_by")
    filters = VisitFilter(request.GET, queryset=rows)
    page = paginate(request, filters.qs)
    return render(
        request,
        "meetingroom/visit_list.html",
        {
            "venue": venue,
            "filters": filters,
            "page": page,
            "rows": visit_rows(page),
            "may_file": may(request.user, "meetingroom.file_visit", venue),
            "may_admit": may(request.user, "meetingroom.admit_visitor", venue),
        },
    )


@signed_in
@require_http_methods(["GET", "POST"])
def visit_create(request, pk):
    venue = visible_venue(request, pk)
    forbid_unless(request.user, "meetingroom.file_visit", venue)
    form = VisitForm(posted(request), managers=venue.managers.filter(is_active=True))
    if request.method == "POST" and form.is_valid():
        try:
            visit = services.file_visit(request.user, venue, **form.cleaned_data)
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The visit was sent to the leader in charge."))
            return redirect(visit.get_absolute_url())
    return _form_page(request, venue, form, _("File a visit"), _("File the visit"))


@signed_in
@require_http_methods(["GET", "POST"])
def visit_admit(request, pk):
    """A manager admits a visitor without prior approval (special circumstances)."""
    venue = visible_venue(request, pk)
    forbid_unless(request.user, "meetingroom.admit_visitor", venue)
    form = AdmitForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            visit = services.admit_visitor(request.user, venue, **form.cleaned_data)
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.warning(
                request, _("Admitted and flagged: the leader in charge must confirm it.")
            )
            return redirect(visit.get_absolute_url())
    return _form_page(
        request, venue, form, _("Admit without prior approval"), _("Admit the visitor")
    )


def _form_page(request, venue, form, title, submit_label):
    return render(
        request,
        "meetingroom/form.html",
        {
            "form": form,
            "title": title,
            "venue": venue,
            "back": reverse("meetingroom:visit_list", args=[venue.pk]),
            "submit_label": submit_label,
        },
        status=400 if form.errors else 200,
    )


visible_visit = fetch(Visit, "venue__site", "supervisor", "filed_by", "decided_by")


@signed_in
@require_GET
def visit_detail(request, pk):
    visit = visible_visit(request, pk)
    local = timezone.localtime
    rows = [
        (_("Visitor"), visit.visitor_name),
        (pgettext("meetingroom", "Organisation"), visit.organisation),
        (_("ID last 4 digits or badge"), visit.id_tail),
        (pgettext("meetingroom", "Purpose"), visit.purpose),
        (
            _("Expected window"),
            f"{local(visit.expected_from):%Y-%m-%d %H:%M} – "
            f"{local(visit.expected_until):%Y-%m-%d %H:%M}",
        ),
        (_("Supervising manager"), display_name(visit.supervisor)),
        (_("Filed by"), display_name(visit.filed_by)),
        (_("Status"), visit.get_status_display()),
    ]
    if visit.exception_reason:
        rows.append((_("Reason for admission without approval"), visit.exception_reason))
    if visit.decided_by:
        rows.append((_("Leader"), display_name(visit.decided_by)))
        rows.append((_("Leader's comment"), visit.decision_comment or "—"))
    return render(
        request,
        "meetingroom/detail.html",
        {
            "object": visit,
            "title": str(visit),
            "flagged": visit.flagged,
            "rows": rows,
            "back": reverse("meetingroom:visit_list", args=[visit.venue_id]),
            "back_label": _("Visits"),
            "history": list(audit.history(visit)),
        },
    )


visit_action = transition_view(VISIT, visible_visit)
