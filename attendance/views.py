"""Views of attendance: thin; they read through scoped querysets and call the services."""

from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from attendance import exports, services
from attendance.choices import (
    OVERTIME_FLOW,
    PROVISIONAL_WARNING_DAYS,
    CalendarKind,
    DayStatus,
    ExportFormat,
    ExportScope,
    LeaveStatus,
    OvertimeStatus,
)
from attendance.days import Period
from attendance.forms import (
    AllowanceForm,
    BulkDecisionForm,
    CalendarDayForm,
    CommentForm,
    DayOffForm,
    ExportForm,
    HoursForm,
    LeaveForm,
    LeaveTypeForm,
    MonthForm,
    OvertimeForm,
    PolicyForm,
    ScheduleForm,
)
from attendance.holidays import month_range, provisional_years
from attendance.models import (
    AttendanceExport,
    AttendanceRecord,
    CalendarYear,
    CheckInPolicy,
    HolidayCalendarDay,
    LeaveAllowance,
    LeaveRequest,
    LeaveType,
    OvertimeRequest,
    SiteDayOff,
    SiteSchedule,
)
from attendance.summary import hours, leave_types, month_rows, staff_queryset
from attendance.tasks import build_export
from onsite import audit
from onsite.access import allowed, signed_in
from onsite.choices import ExportState
from onsite.excel import xlsx_response
from onsite.middleware import client_ip
from onsite.models import Department, Site
from onsite.permissions import has_role, is_company_wide, may, supervised_department_ids, visible
from onsite.queueing import after_commit
from onsite.workflow import WorkflowError

PAGE_SIZE = 25
User = get_user_model()


def _position(request):
    """The browser's position from the form, or (None, None) if absent or nonsense."""
    try:
        lat = Decimal(request.POST["lat"]).quantize(Decimal("0.000001"))
        lng = Decimal(request.POST["lng"]).quantize(Decimal("0.000001"))
        if not (-90 <= lat <= 90 and -180 <= lng <= 180):
            return None, None
    except (KeyError, InvalidOperation, ValueError):
        return None, None
    return lat, lng


# --- Staff: today, check-in/out, own month, own requests --------------------------------
@allowed("attendance.use")
@require_GET
def today(request):
    now = timezone.localtime()
    day = now.date()
    period = Period([request.user.pk], day, day, today=day)
    context = {
        "day": period.day(request.user.pk, day),
        "assignment": period.assignment_on(request.user.pk, day),
        "record": period.records.get((request.user.pk, day)),
        "now": now,
    }
    return render(request, "attendance/today.html", context)


def _clock(request, action):
    lat, lng = _position(request)
    try:
        action(
            request.user,
            ip=client_ip(request),
            agent=request.headers.get("user-agent", ""),
            lat=lat,
            lng=lng,
        )
    except WorkflowError as error:
        messages.error(request, str(error))
        return False
    return True


@allowed("attendance.use")
@require_POST
def check_in(request):
    if _clock(request, services.check_in):
        messages.success(request, _("Checked in at %(time)s.") % _now_hm())
    return redirect("attendance:today")


@allowed("attendance.use")
@require_POST
def check_out(request):
    if _clock(request, services.check_out):
        messages.success(request, _("Checked out at %(time)s.") % _now_hm())
    return redirect("attendance:today")


def _now_hm():
    return {"time": timezone.localtime().strftime("%H:%M")}


def _month_param(request):
    form = MonthForm(request.GET)
    year, month = form.year_month()
    return year, month


def _month_nav(year, month):
    first = date(year, month, 1)
    previous = first - timedelta(days=1)
    following = first + timedelta(days=32)
    return {
        "month_value": f"{year}-{month:02d}",
        "previous_month": f"{previous.year}-{previous.month:02d}",
        "next_month": f"{following.year}-{following.month:02d}",
        "month_start": first,
    }


@allowed("attendance.use")
@require_GET
def my_month(request):
    year, month = _month_param(request)
    first, last = month_range(year, month)
    rows = month_rows([request.user], year, month)
    row = rows[0]
    weeks, week = [], [None] * first.weekday()
    for day in row.days:
        week.append(day)
        if len(week) == 7:
            weeks.append(week)
            week = []
    if week:
        weeks.append(week + [None] * (7 - len(week)))
    context = {
        "row": row,
        "weeks": weeks,
        "types": leave_types(),
        "weekday_names": [WEEKDAYS_ABBR[i] for i in range(7)],
        "provisional": provisional_years([year]),
        **_month_nav(year, month),
    }
    return render(request, "attendance/my_month.html", context)


@allowed("attendance.use")
@require_GET
def my_requests(request):
    user = request.user
    overtime = OvertimeRequest.objects.filter(user=user).select_related(
        "site", "supervisor_by", "hr_by"
    )[:50]
    leave = LeaveRequest.objects.filter(user=user).select_related("leave_type", "decided_by")[:50]
    balances = [
        (t, services.leave_balance(user, t, timezone.localdate().year))
        for t in LeaveType.objects.filter(is_active=True)
    ]
    return render(
        request,
        "attendance/my_requests.html",
        {"overtime": overtime, "leave": leave, "balances": balances},
    )


# --- Overtime ---------------------------------------------------------------------------
@allowed("attendance.use")
@require_http_methods(["GET", "POST"])
def overtime_new(request):
    form = OvertimeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            ot = services.submit_overtime(request.user, **form.cleaned_data)
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your overtime request was sent to your supervisor."))
            return redirect("attendance:overtime_detail", ot.pk)
    return render(request, "attendance/overtime_form.html", {"form": form})


def _overtime(request, pk):
    return get_object_or_404(
        visible(request.user, OvertimeRequest).select_related(
            "user__profile__department", "site", "supervisor_by", "hr_by", "actual_confirmed_by"
        ),
        pk=pk,
    )


@signed_in
@require_GET
def overtime_detail(request, pk):
    ot = _overtime(request, pk)
    user = request.user
    record = AttendanceRecord.objects.filter(user_id=ot.user_id, date=ot.date).first()
    actions = []
    if OVERTIME_FLOW.can(ot.status, "approve") and may(user, "attendance.approve_overtime", ot):
        actions += [("approve", _("Approve")), ("reject", _("Reject"))]
    if OVERTIME_FLOW.can(ot.status, "file") and may(user, "attendance.file_overtime", ot):
        actions += [("file", _("Approve and file")), ("hr_reject", _("Reject"))]
    context = {
        "ot": ot,
        "history": audit.history(ot),
        "actions": actions,
        "record": record,
        "may_cancel": OVERTIME_FLOW.can(ot.status, "cancel")
        and may(user, "attendance.cancel_request", ot),
        "may_confirm": ot.status in (OvertimeStatus.SUPERVISOR_APPROVED, OvertimeStatus.FILED)
        and may(user, "attendance.confirm_hours", ot),
        "suggested": services.suggested_minutes(ot, record),
    }
    return render(request, "attendance/overtime_detail.html", context)


OVERTIME_ACTIONS = {
    "approve": (services.approve_overtime, _("Approve overtime"), False),
    "reject": (services.reject_overtime, _("Reject overtime"), True),
    "file": (services.file_overtime, _("Approve and file overtime"), False),
    "hr_reject": (services.hr_reject_overtime, _("Reject overtime"), True),
}


def _decide(request, obj, service, title, reject, detail_url):
    form = CommentForm(request.POST or None, required=reject)
    if request.method == "POST" and form.is_valid():
        try:
            service(request.user, obj.pk, form.cleaned_data["comment"])
        except WorkflowError as error:
            messages.error(request, str(error))
        except PermissionDenied:
            messages.error(request, _("You may not decide this request."))
        else:
            messages.success(request, _("Done."))
        return redirect(detail_url)
    return render(
        request,
        "confirm.html",
        {
            "title": title,
            "object": obj,
            "form": form,
            "cancel_url": detail_url,
            "danger": reject,
        },
    )


@signed_in
@require_http_methods(["GET", "POST"])
def overtime_decide(request, pk, action):
    if action not in OVERTIME_ACTIONS:
        raise Http404
    ot = _overtime(request, pk)
    service, title, reject = OVERTIME_ACTIONS[action]
    permission = (
        "attendance.approve_overtime"
        if action in ("approve", "reject")
        else "attendance.file_overtime"
    )
    if not may(request.user, permission, ot):
        raise PermissionDenied
    return _decide(
        request, ot, service, title, reject, reverse("attendance:overtime_detail", args=[pk])
    )


@signed_in
@require_http_methods(["GET", "POST"])
def overtime_cancel(request, pk):
    ot = _overtime(request, pk)
    if not may(request.user, "attendance.cancel_request", ot):
        raise PermissionDenied
    return _decide(
        request,
        ot,
        services.cancel_overtime,
        _("Withdraw the overtime request"),
        False,
        reverse("attendance:overtime_detail", args=[pk]),
    )


@signed_in
@require_http_methods(["GET", "POST"])
def overtime_hours(request, pk):
    ot = _overtime(request, pk)
    if not may(request.user, "attendance.confirm_hours", ot):
        raise PermissionDenied
    detail = reverse("attendance:overtime_detail", args=[pk])
    form = HoursForm(
        request.POST or None,
        initial={"minutes": ot.actual_minutes or services.suggested_minutes(ot)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.confirm_overtime_hours(request.user, ot.pk, form.cleaned_data["minutes"])
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The hours were confirmed."))
            return redirect(detail)
    return render(
        request,
        "confirm.html",
        {
            "title": _("Confirm the hours worked"),
            "object": ot,
            "form": form,
            "cancel_url": detail,
            "question": _("Suggested from the check-in and check-out where they exist."),
        },
    )


# --- Leave ------------------------------------------------------------------------------
@allowed("attendance.use")
@require_http_methods(["GET", "POST"])
def leave_new(request):
    form = LeaveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            leave = services.submit_leave(request.user, **form.cleaned_data)
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your leave request was sent to your supervisor."))
            return redirect("attendance:leave_detail", leave.pk)
    year = timezone.localdate().year
    balances = [
        (t, services.leave_balance(request.user, t, year))
        for t in LeaveType.objects.filter(is_active=True)
    ]
    return render(request, "attendance/leave_form.html", {"form": form, "balances": balances})


def _leave(request, pk):
    return get_object_or_404(
        visible(request.user, LeaveRequest).select_related(
            "user__profile__department", "leave_type", "decided_by"
        ),
        pk=pk,
    )


@signed_in
@require_GET
def leave_detail(request, pk):
    leave = _leave(request, pk)
    user = request.user
    context = {
        "leave": leave,
        "history": audit.history(leave),
        "may_decide": leave.status == LeaveStatus.SUBMITTED
        and may(user, "attendance.decide_leave", leave),
        "may_cancel": leave.status in (LeaveStatus.SUBMITTED, LeaveStatus.APPROVED)
        and may(user, "attendance.cancel_request", leave),
    }
    return render(request, "attendance/leave_detail.html", context)


LEAVE_ACTIONS = {
    "approve": (services.approve_leave, _("Approve leave"), False),
    "reject": (services.reject_leave, _("Reject leave"), True),
}


@signed_in
@require_http_methods(["GET", "POST"])
def leave_decide(request, pk, action):
    if action not in LEAVE_ACTIONS:
        raise Http404
    leave = _leave(request, pk)
    if not may(request.user, "attendance.decide_leave", leave):
        raise PermissionDenied
    service, title, reject = LEAVE_ACTIONS[action]
    return _decide(
        request, leave, service, title, reject, reverse("attendance:leave_detail", args=[pk])
    )


@signed_in
@require_http_methods(["GET", "POST"])
def leave_cancel(request, pk):
    leave = _leave(request, pk)
    if not may(request.user, "attendance.cancel_request", leave):
        raise PermissionDenied
    return _decide(
        request,
        leave,
        services.cancel_leave,
        _("Withdraw the leave request"),
        False,
        reverse("attendance:leave_detail", args=[pk]),
    )


# --- Queues ---------------------------------------------------------------------------
def _supervised(user, queryset):
    """Requests of the departments the user supervises, never the user's own."""
    return queryset.filter(
        user__profile__department_id__in=supervised_department_ids(user)
    ).exclude(user=user)


@allowed("attendance.view_queue")
@require_GET
def queue(request):
    user = request.user
    context = {"sections": []}
    related = ("user__profile__department", "site")
    if has_role(user, "supervisor"):
        context["sections"].append(
            (
                "overtime",
                _("Overtime waiting for you"),
                ["approve", "reject"],
                _supervised(user, OvertimeRequest.objects.filter(status=OvertimeStatus.SUBMITTED))
                .select_related(*related)
                .order_by("date", "id"),
            )
        )
        context["leave"] = (
            _supervised(user, LeaveRequest.objects.filter(status=LeaveStatus.SUBMITTED))
            .select_related("user__profile__department", "leave_type")
            .order_by("start_date", "id")
        )
    if has_role(user, "hr"):
        context["sections"].append(
            (
                "overtime",
                _("Overtime approved by supervisors, to approve and file"),
                ["file", "hr_reject"],
                OvertimeRequest.objects.filter(status=OvertimeStatus.SUPERVISOR_APPROVED)
                .exclude(user=user)
                .select_related(*related, "supervisor_by")
                .order_by("date", "id"),
            )
        )
    context["calendar_warning"] = _calendar_warning() if has_role(user, "hr") else []
    context["action_labels"] = {
        "approve": _("Approve selected"),
        "reject": _("Reject selected"),
        "file": _("Approve and file selected"),
        "hr_reject": _("Reject selected"),
    }
    return render(request, "attendance/queue.html", context)


@allowed("attendance.view_queue")
@require_POST
def queue_decide(request):
    form = BulkDecisionForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("__all__", []) or [_("Choose at least one request.")]:
            messages.error(request, error)
        return redirect("attendance:queue")
    data = form.cleaned_data
    done, errors = services.decide_many(
        request.user, data["what"], data["action"], data["ids"], data["comment"]
    )
    if done:
        messages.success(request, _("%(count)d request(s) decided.") % {"count": done})
    for error in errors:
        messages.error(request, error)
    return redirect("attendance:queue")


# --- Team month, unapproved overtime, monthly summary ------------------------------------
def _departments_for(user):
    if is_company_wide(user):
        return Department.objects.all()
    return Department.objects.filter(pk__in=supervised_department_ids(user))


def _filtered_staff(request, year, month):
    form = MonthForm(request.GET, departments=_departments_for(request.user))
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    people = staff_queryset(
        department=data.get("department"),
        site=data.get("site"),
        year=year,
        month=month,
        base=visible(request.user, User),
    )
    if not is_company_wide(request.user):
        people = people.filter(profile__department_id__in=supervised_department_ids(request.user))
    return form, people


@allowed("attendance.view_team")
@require_GET
def team(request):
    year, month = _month_param(request)
    form, people = _filtered_staff(request, year, month)
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = month_rows(page.object_list, year, month)
    first, last = month_range(year, month)
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "dates": [first + timedelta(days=i) for i in range((last - first).days + 1)],
        "legend": [(s.label, code) for s, code in _legend()],
        **_month_nav(year, month),
    }
    return render(request, "attendance/team.html", context)


def _legend():
    from attendance.choices import STATUS_CODES

    return [(DayStatus(s), str(c)) for s, c in STATUS_CODES.items() if c]


@allowed("attendance.view_team")
@require_GET
def request_list(request):
    """Every overtime or leave request the user may see, filtered by month and status."""
    year, month = _month_param(request)
    first, last = month_range(year, month)
    kind = "leave" if request.GET.get("kind") == "leave" else "overtime"
    if kind == "leave":
        statuses = LeaveStatus
        rows = (
            visible(request.user, LeaveRequest)
            .filter(start_date__lte=last, end_date__gte=first)
            .select_related("user__profile__department", "leave_type", "decided_by")
            .order_by("start_date", "id")
        )
    else:
        statuses = OvertimeStatus
        rows = (
            visible(request.user, OvertimeRequest)
            .filter(date__gte=first, date__lte=last)
            .select_related("user__profile__department", "site", "supervisor_by", "hr_by")
            .order_by("date", "id")
        )
    status = request.GET.get("status", "")
    if status in statuses.values:
        rows = rows.filter(status=status)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "kind": kind,
        "page": page,
        "statuses": statuses.choices,
        "status": status,
        **_month_nav(year, month),
    }
    return render(request, "attendance/request_list.html", context)


@allowed("attendance.view_team")
@require_GET
def unapproved(request):
    year, month = _month_param(request)
    form, people = _filtered_staff(request, year, month)
    first, last = month_range(year, month)
    people = people.filter(attendance__date__gte=first, attendance__date__lte=last)
    people = list(people)
    period = Period([p.pk for p in people], first, last)
    items = []
    for person in people:
        for day in period.unapproved_days_of(person.pk):
            items.append((person, day, hours(day.unapproved_minutes)))
    return render(
        request,
        "attendance/unapproved.html",
        {"form": form, "items": items, **_month_nav(year, month)},
    )


@allowed("attendance.view_team")
@require_GET
def summary(request):
    year, month = _month_param(request)
    form, people = _filtered_staff(request, year, month)
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    types = leave_types()
    rows = month_rows(page.object_list, year, month)
    for row in rows:
        row.leave_list = [row.leave_days.get(t.pk, 0) for t in types]
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "types": types,
        "may_export": may(request.user, "attendance.export"),
        "may_manage_leave": may(request.user, "attendance.manage_leave_types"),
        "may_manage_sites": may(request.user, "attendance.manage_sites"),
        "query": request.GET.urlencode(),
        "provisional": provisional_years([year]),
        **_month_nav(year, month),
    }
    return render(request, "attendance/summary.html", context)


# --- Holiday calendar and leave types (HR) ------------------------------------------------
def _calendar_warning():
    """This or next year without official holiday data, once next year is near."""
    today = timezone.localdate()
    return [
        y
        for y in provisional_years([today.year, today.year + 1])
        if y == today.year or (date(y, 1, 1) - today).days <= PROVISIONAL_WARNING_DAYS
    ]


@signed_in
@require_GET
def calendar(request):
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    year = min(max(year, 2000), 2100)
    warn = _calendar_warning()
    context = {
        "year": year,
        "days": HolidayCalendarDay.objects.filter(date__year=year),
        "year_row": CalendarYear.objects.filter(year=year).first(),
        "provisional": provisional_years([year]),
        "warn": warn if may(request.user, "attendance.manage_calendar") else [],
        "may_edit": may(request.user, "attendance.manage_calendar"),
        "form": CalendarDayForm(initial={"kind": CalendarKind.HOLIDAY}),
        "previous_year": year - 1,
        "next_year": year + 1,
    }
    return render(request, "attendance/calendar.html", context)


@allowed("attendance.manage_calendar")
@require_POST
def calendar_day_save(request):
    form = CalendarDayForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        services.save_calendar_day(
            request.user, date=data["date"], kind=data["kind"], name=data["name"]
        )
        messages.success(request, _("The calendar was updated."))
        year = data["date"].year
    else:
        for field, errors in form.errors.items():
            for error in errors:
                messages.error(
                    request, f"{form.fields[field].label if field in form.fields else ''} {error}"
                )
        year = timezone.localdate().year
    return redirect(f"{reverse('attendance:calendar')}?year={year}")


@allowed("attendance.manage_calendar")
@require_POST
def calendar_day_delete(request, pk):
    day = get_object_or_404(HolidayCalendarDay, pk=pk)
    services.remove_calendar_day(request.user, day.pk)
    messages.success(request, _("The day was removed from the calendar."))
    return redirect(f"{reverse('attendance:calendar')}?year={day.date.year}")


@allowed("attendance.manage_calendar")
@require_POST
def calendar_year(request, year, action):
    if action == "confirm":
        services.confirm_calendar_year(request.user, year)
        messages.success(request, _("The calendar of %(year)s is confirmed.") % {"year": year})
    elif action == "import":
        rows = services.import_calendar_year(request.user, year)
        if rows:
            messages.success(request, _("%(rows)d official days loaded.") % {"rows": rows})
        else:
            messages.warning(
                request,
                _(
                    "No official data for %(year)s yet: "
                    "enter the days from the State Council notice."
                )
                % {"year": year},
            )
    else:
        raise Http404
    return redirect(f"{reverse('attendance:calendar')}?year={year}")


@allowed("attendance.manage_leave_types")
@require_GET
def leave_types_list(request):
    return render(request, "attendance/leave_types.html", {"types": LeaveType.objects.all()})


@allowed("attendance.manage_leave_types")
@require_http_methods(["GET", "POST"])
def leave_allowances(request):
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    form = AllowanceForm(request.POST or None, initial={"year": year})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.set_allowance(
            request.user,
            user=data["user"],
            leave_type=data["leave_type"],
            year=data["year"],
            days=data["days"],
        )
        messages.success(request, _("The allowance was saved."))
        return redirect(f"{reverse('attendance:leave_allowances')}?year={data['year']}")
    rows = LeaveAllowance.objects.filter(year=year).select_related(
        "user__profile__department", "leave_type"
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "attendance/leave_allowances.html",
        {"form": form, "page": page, "year": year},
    )


@allowed("attendance.manage_leave_types")
@require_http_methods(["GET", "POST"])
def leave_type_edit(request, pk=None):
    instance = get_object_or_404(LeaveType, pk=pk) if pk else None
    form = LeaveTypeForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        services.save_leave_type(request.user, form)
        messages.success(request, _("The leave type was saved."))
        return redirect("attendance:leave_types")
    return render(request, "attendance/leave_type_form.html", {"form": form, "object": instance})


# --- Exports (HR) -------------------------------------------------------------------------
def _export_scope(request):
    form = MonthForm(request.GET)
    if not form.is_valid():
        return form, None, None
    data = form.cleaned_data
    return form, data.get("department"), data.get("site")


@allowed("attendance.export")
@require_GET
def export_file(request, fmt):
    form, department, site = _export_scope(request)
    year, month = _month_param(request)
    if department is None and site is None:
        messages.info(request, _("The whole company is exported in the background."))
        return redirect(f"{reverse('attendance:exports')}?month={year}-{month:02d}")
    label = exports.scope_label(department, site)
    people = staff_queryset(department=department, site=site, year=year, month=month)
    content = exports.build(people, year, month, fmt, label=label, exported_by=request.user)
    name = exports.file_name(year, month, fmt, label)
    audit.record(request.user, f"attendance.export_{fmt}", comment=f"{year}-{month:02d} {label}")
    if fmt == ExportFormat.XLSX:
        return xlsx_response(content, name)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def export_pdf(request):
    return export_file(request, ExportFormat.PDF)


def export_xlsx(request):
    return export_file(request, ExportFormat.XLSX)


@allowed("attendance.export")
@require_GET
def export_list(request):
    year, month = _month_param(request)
    recent = visible(request.user, AttendanceExport).select_related(
        "requested_by", "department", "site"
    )[:20]
    form = ExportForm(initial={"month": f"{year}-{month:02d}", "format": ExportFormat.PDF})
    return render(
        request,
        "attendance/exports.html",
        {"recent": recent, "form": form, **_month_nav(year, month)},
    )


@allowed("attendance.export")
@require_POST
def export_start(request):
    form = ExportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a month and a format."))
        return redirect("attendance:exports")
    data = form.cleaned_data
    year, month = form.year_month()
    department, site = data.get("department"), data.get("site")
    scope = (
        ExportScope.DEPARTMENT if department else ExportScope.SITE if site else ExportScope.COMPANY
    )
    with transaction.atomic():
        export = AttendanceExport.objects.create(
            requested_by=request.user,
            scope=scope,
            department=department,
            site=site,
            year=year,
            month=month,
            format=data["format"],
        )
        audit.record(request.user, "attendance.export_start", export, to_state=export.state)
        after_commit(build_export, export.pk)
    messages.success(request, _("The export has started; this page shows when it is ready."))
    return redirect("attendance:exports")


@allowed("attendance.export")
@require_POST
def export_retry(request, token):
    export = get_object_or_404(visible(request.user, AttendanceExport), token=token)
    with transaction.atomic():
        again = AttendanceExport.objects.filter(pk=export.pk, state=ExportState.FAILED).update(
            state=ExportState.QUEUED, done_steps=0, error=""
        )
        if again:
            audit.record(
                request.user,
                "attendance.export_retry",
                export,
                from_state=ExportState.FAILED,
                to_state=ExportState.QUEUED,
            )
            after_commit(build_export, export.pk)
    if again:
        messages.success(request, _("The export was started again."))
    else:
        messages.error(request, _("Only a failed export can be started again."))
    return redirect("attendance:exports")


@allowed("attendance.export")
@require_GET
def export_status(request, token):
    export = get_object_or_404(visible(request.user, AttendanceExport), token=token)
    return render(request, "attendance/includes/export_row.html", {"export": export})


@allowed("attendance.export")
@require_GET
def export_download(request, token):
    export = get_object_or_404(
        visible(request.user, AttendanceExport), token=token, state=ExportState.DONE
    )
    path = exports.export_path(export)
    if not path.exists():
        raise Http404
    audit.record(request.user, "attendance.export_download", export)
    return FileResponse(path.open("rb"), as_attachment=True, filename=export.file_name)


# --- Client sites: schedules, days off, check-in rules (HR) -----------------------------
@allowed("attendance.manage_sites")
@require_GET
def site_list(request):
    today = timezone.localdate()
    sites = Site.objects.select_related("checkin_policy").prefetch_related("schedules")
    rows = []
    for site in sites:
        current = next((s for s in site.schedules.all() if s.valid_from <= today), None)
        upcoming = [s for s in site.schedules.all() if s.valid_from > today]
        rows.append((site, current, upcoming, getattr(site, "checkin_policy", None)))
    return render(request, "attendance/site_list.html", {"rows": rows})


SITE_FORMS = {"schedule": ScheduleForm, "day_off": DayOffForm, "policy": PolicyForm}


@allowed("attendance.manage_sites")
@require_http_methods(["GET", "POST"])
def site_detail(request, pk):
    site = get_object_or_404(Site, pk=pk)
    policy = CheckInPolicy.objects.filter(site=site).first()
    which = request.POST.get("form") if request.method == "POST" else None
    forms_ = {
        "schedule": ScheduleForm(request.POST if which == "schedule" else None, prefix="s"),
        "day_off": DayOffForm(request.POST if which == "day_off" else None, prefix="d"),
        "policy": PolicyForm(
            request.POST if which == "policy" else None, prefix="p", instance=policy
        ),
    }
    form = forms_.get(which)
    if form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            if which == "schedule":
                services.add_schedule(request.user, site, **data)
            elif which == "day_off":
                services.add_day_off(request.user, site, **data)
            else:
                services.save_policy(request.user, site, **data)
        except WorkflowError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("attendance:site_detail", site.pk)
    context = {
        "site": site,
        "schedules": SiteSchedule.objects.filter(site=site),
        "days_off": SiteDayOff.objects.filter(
            site=site, date__gte=timezone.localdate() - timedelta(days=31)
        ).order_by("date"),
        "forms": forms_,
        "today": timezone.localdate(),
    }
    return render(request, "attendance/site_detail.html", context)


@allowed("attendance.manage_sites")
@require_POST
def site_day_off_delete(request, pk):
    day = get_object_or_404(SiteDayOff, pk=pk)
    services.remove_day_off(request.user, day.pk)
    messages.success(request, _("The client day off was removed."))
    return redirect("attendance:site_detail", day.site_id)
