"""The working environment (§2.2): today's checklist at each of one's sites, service visits
closed with "client environment restored", the supervisors' completion per day, the
checklist items of each site."""

from datetime import date, timedelta

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from attendance.memory import stamped
from duties.choices import VISIT, VisitStatus
from duties.expected import staff_of
from duties.forms.common import comment_form
from duties.forms.site import ChecklistForm, ChecklistTemplateForm, VisitForm
from duties.models import ChecklistTemplate, DailyChecklist, ServiceVisit
from duties.permissions import is_hr, supervised, supervised_site_ids
from duties.services import checklists as service
from duties.views.common import fetch, form_page
from onsite import audit
from onsite.access import allowed, signed_in
from onsite.models import Department, Site
from onsite.names import display_name
from onsite.paging import paginate, posted
from onsite.permissions import assigned_site_ids, may
from onsite.transition_views import transition_view
from onsite.workflow import WorkflowError


@signed_in
@require_GET
def checklist_today(request):
    """Today's checklist of each site the person is stationed at, and today's visits."""
    user = request.user
    today = timezone.localdate()
    sites = Site.objects.filter(pk__in=assigned_site_ids(user)).select_related("duty_checklist")
    done = {row.site_id: row for row in DailyChecklist.objects.filter(user=user, date=today)}
    cards = []
    for site in sites:
        template = getattr(site, "duty_checklist", None)
        form = ChecklistForm(template=template) if template and site.pk not in done else None
        cards.append({"site": site, "template": template, "done": done.get(site.pk), "form": form})
    visits = ServiceVisit.objects.filter(user=user).select_related("site")
    context = {
        "today": today,
        "cards": cards,
        "open_visits": visits.filter(status=VisitStatus.OPEN),
        "recent_visits": visits.filter(status=VisitStatus.RESTORED)[:5],
        "supervises": may(user, "duties.supervise"),
        "edits": may(user, "duties.edit_checklist"),
    }
    return render(request, "duties/checklist_today.html", context)


def _my_site(request, pk):
    return get_object_or_404(Site, pk=pk, pk__in=assigned_site_ids(request.user))


@allowed("duties.keep_checklist")
@require_POST
def checklist_submit(request, pk):
    site = _my_site(request, pk)
    template = get_object_or_404(ChecklistTemplate, site=site)
    form = ChecklistForm(request.POST, template=template)
    if form.is_valid():
        try:
            service.submit_checklist(
                request.user,
                site,
                ticked=form.cleaned_data["ticked"],
                note=form.cleaned_data["note"],
            )
        except WorkflowError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Today's checklist is recorded."))
    else:
        messages.error(request, _("The checklist could not be read; please tick it again."))
    return redirect("duties:checklist_today")


def _day_param(request):
    try:
        return date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        return timezone.localdate()


@allowed("duties.supervise")
@require_GET
def checklist_overview(request):
    """Completion per day for the staff of the person's departments."""
    day = _day_param(request)
    departments = Department.objects.filter(pk__in=supervised(request.user))
    chosen = request.GET.get("department", "")
    ids = [d.pk for d in departments if str(d.pk) == chosen] or [d.pk for d in departments]
    people = stamped(staff_of(ids).exclude(pk=request.user.pk))  # days remembered
    rows = service.completion(people, day)
    expected = [row for row in rows if row.expected]
    page = paginate(request, rows)
    context = {
        "day": day,
        "previous": day - timedelta(days=1),
        "next": day + timedelta(days=1) if day < timezone.localdate() else None,
        "departments": departments,
        "chosen": chosen,
        "page": page,
        "rows": completion_rows(page.object_list),
        "expected": len(expected),
        "missing": sum(1 for row in expected if row.missing),
        "open_visits": sum(len(row.open_visits) for row in rows),
    }
    return render(request, "duties/checklist_overview.html", context)


def completion_rows(rows):
    """The ``<li>`` of each person's completion of the page, made once per row (the row
    template is kept under ``tests/duties/completion_rows/`` to compare), every text escaped."""
    labels, found = {}, []
    done_text, note = escape(_("with a note")), escape(_("Not expected"))
    missing = f'<span class="badge text-bg-warning">{escape(_("Missing"))}</span>'
    not_expected = f'<span class="text-body-secondary">{note}</span>'
    not_restored = f' <span class="badge text-bg-warning">{escape(_("not restored"))}</span>'
    for row in rows:
        day = row.day
        if day.status not in labels:
            labels[day.status] = escape(day.status_label())
        checklist = row.checklist
        if checklist:
            noted = "" if checklist.all_ticked else f" ({done_text})"
            done = timezone.localtime(checklist.done_at)
            state = f'<span class="text-success">✓ {done:%H:%M}{noted}</span>'
        else:
            state = missing if row.missing else not_expected
        visits = ""
        if row.visits:
            count = len(row.visits)
            visits = " · " + escape(ngettext("%(n)s visit", "%(n)s visits", count) % {"n": count})
            visits += not_restored if row.open_visits else ""
        found.append(
            mark_safe(  # noqa: S308 - every text escaped
                '<li class="list-group-item d-flex flex-wrap justify-content-between gap-2" '
                f'data-testid="completion" data-missing="{1 if row.missing else 0}">\n'
                f"    <span>{escape(display_name(row.person))} "
                f'<small class="text-body-secondary">{escape(row.person.profile.employee_no)} · '
                f"{labels[day.status]}</small></span>\n"
                f'    <span class="small">\n      {state}\n      {visits}\n    </span>\n  </li>'
            )
        )
    return found


@allowed("duties.edit_checklist")
@require_GET
def checklist_templates(request):
    """The checklist of each site the person keeps (HR: every site)."""
    sites = Site.objects.filter(is_active=True).select_related("duty_checklist")
    if not is_hr(request.user):
        sites = sites.filter(pk__in=supervised_site_ids(request.user))
    return render(request, "duties/checklist_templates.html", {"sites": sites})


@allowed("duties.edit_checklist")
@require_http_methods(["GET", "POST"])
def checklist_template_edit(request, pk):
    site = get_object_or_404(Site, pk=pk)
    if not may(request.user, "duties.edit_checklist", site):
        raise Http404
    existing = ChecklistTemplate.objects.filter(site=site).first()
    initial = {"items": existing.items} if existing else {}
    form = ChecklistTemplateForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            service.save_checklist_template(request.user, site, form.cleaned_data["items"])
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The checklist was saved."))
            return redirect("duties:checklist_templates")
    return form_page(
        request,
        form,
        title=_("Daily checklist of %(site)s") % {"site": site.name},
        back=reverse("duties:checklist_templates"),
    )


@allowed("duties.log_visit")
@require_http_methods(["GET", "POST"])
def visit_create(request):
    form = VisitForm(posted(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        site = data.pop("site")
        try:
            visit = service.start_visit(request.user, site, **data)
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Confirm the environment is restored when you leave."))
            return redirect(visit)
    return form_page(
        request, form, title=_("Start a service visit"), back=reverse("duties:checklist_today")
    )


def visible_visit(request, pk):
    return fetch(request, ServiceVisit.objects.select_related("user", "site", "restored_by"), pk)


@signed_in
@require_GET
def visit_detail(request, pk):
    visit = visible_visit(request, pk)
    return render(
        request,
        "duties/visit_detail.html",
        {"visit": visit, "history": list(audit.history(visit))},
    )


visit_action = transition_view(
    VISIT,
    visible_visit,
    forms={"restore": comment_form(gettext_lazy("Note on the environment"), required=False)},
)
