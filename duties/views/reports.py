"""Work reports: write one, read them (own or the departments'), comment, and the list of
who has not reported — each day beside that day's attendance."""

from datetime import date, timedelta

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from attendance.days import Period
from attendance.memory import stamped
from duties.choices import OPEN_TASK_STATES, REPORT, ReportKind
from duties.expected import staff_of
from duties.filters import ReportFilter
from duties.forms.common import comment_form
from duties.forms.work import ReportForm
from duties.models import Task, WorkReport
from duties.permissions import supervised
from duties.services import reports as service
from duties.views.common import fetch, form_page
from duties.views.report_rows import report_rows
from onsite import audit
from onsite.access import allowed, signed_in
from onsite.models import Department
from onsite.names import display_name
from onsite.paging import paginate, posted
from onsite.permissions import may, visible
from onsite.rows import link_to
from onsite.transition_views import transition_view
from onsite.workflow import WorkflowError


def _rows(queryset):
    return queryset.select_related("author__profile__department", "site").order_by(
        "-period_start", "-pk"
    )


@signed_in
@require_GET
def report_list(request):
    """My reports."""
    filters = ReportFilter(
        request.GET, queryset=_rows(WorkReport.objects.filter(author=request.user))
    )
    return _report_list(request, filters, "mine", may(request.user, "duties.supervise"))


@allowed("duties.supervise")
@require_GET
def report_team(request):
    """The reports of the departments the person supervises."""
    rows = visible(request.user, WorkReport).exclude(author=request.user)
    filters = ReportFilter(request.GET, queryset=_rows(rows))
    return _report_list(request, filters, "team", True)


def _report_list(request, filters, tab, supervises):
    page = paginate(request, filters.qs)
    context = {
        "page": page,
        "rows": report_rows(page.object_list, team=tab == "team"),
        "filters": filters,
        "tab": tab,
        "supervises": supervises,
    }
    return render(request, "duties/report_list.html", context)


@allowed("duties.write_report")
@require_http_methods(["GET", "POST"])
def report_create(request):
    form = ReportForm(posted(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            report = service.submit_report(request.user, **form.cleaned_data)
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your report was submitted."))
            return redirect(report)
    open_tasks = Task.objects.filter(assignee=request.user, status__in=OPEN_TASK_STATES)
    return form_page(
        request,
        form,
        title=_("Write a work report"),
        back=reverse("duties:report_list"),
        template="duties/report_form.html",
        open_tasks=open_tasks,
    )


def visible_report(request, pk):
    return fetch(
        request,
        WorkReport.objects.select_related("author__profile__department", "site", "commented_by"),
        pk,
    )


@signed_in
@require_GET
def report_detail(request, pk):
    """The report beside the attendance of the days it covers (the attendance derivation)."""
    report = visible_report(request, pk)
    period = Period([report.author_id], report.period_start, report.period_end)
    context = {
        "report": report,
        "days": period.days_of(report.author_id),
        "history": list(audit.history(report)),
    }
    return render(request, "duties/report_detail.html", context)


report_action = transition_view(
    REPORT, visible_report, forms={"comment": comment_form(gettext_lazy("Your comment"))}
)


def _day_param(request):
    try:
        return date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        return timezone.localdate()


def missing_rows(rows):
    """The ``<li>`` of each (person, derived day) of the page, made once per row (the row
    template is kept under ``tests/duties/missing_rows/`` to compare), every text escaped."""
    link, labels, found = link_to("onsite:staff_detail"), {}, []
    for person, attendance in rows:
        profile = person.profile
        if attendance.status not in labels:
            labels[attendance.status] = escape(attendance.status_label())
        moment = attendance.check_in_at
        came = f" · {timezone.localtime(moment):%H:%M}" if moment else ""
        found.append(
            mark_safe(  # noqa: S308 - every text escaped
                '<li class="list-group-item d-flex justify-content-between gap-2">\n'
                f'    <span><a href="{link.format(pk=person.pk)}">'
                f"{escape(display_name(person))}</a> "
                f'<small class="text-body-secondary">{escape(profile.employee_no)} · '
                f"{escape(profile.department.name)}</small></span>\n"
                f"    <small>{labels[attendance.status]}{came}</small>\n  </li>"
            )
        )
    return found


@allowed("duties.supervise")
@require_GET
def report_missing(request):
    """Who, expected at work that day, has not reported (daily, or weekly for the week)."""
    day = _day_param(request)
    departments = Department.objects.filter(pk__in=supervised(request.user))
    chosen = request.GET.get("department", "")
    ids = [d.pk for d in departments if str(d.pk) == chosen] or [d.pk for d in departments]
    people = stamped(staff_of(ids).exclude(pk=request.user.pk))  # days remembered
    missing = service.missing_reports(people, day)
    page = paginate(request, missing)
    context = {
        "day": day,
        "previous": day - timedelta(days=1),
        "next": day + timedelta(days=1) if day < timezone.localdate() else None,
        "departments": departments,
        "chosen": chosen,
        "page": page,
        "rows": missing_rows(page.object_list),
        "count": len(missing),
        "kinds": ReportKind,
    }
    return render(request, "duties/report_missing.html", context)
