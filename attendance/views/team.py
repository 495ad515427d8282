"""Supervisors' and HR's month views: team grid, monthly summary, unapproved overtime, and
every request of the month; all filtered by month, department and site."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import localize
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from attendance.conf import conf
from attendance.days import Period
from attendance.filters import StaffMonthFilter, request_filter
from attendance.frame import Frame
from attendance.holidays import month_range, provisional_years
from attendance.memory import remembered, stamped
from attendance.summary import (
    figures,
    header,
    leave_types,
    legend,
    month_rows,
    person_values,
    staff_queryset,
    unapproved_items,
    worked_rest_days,
)
from attendance.views.common import flagged_departments, month_nav
from attendance.views.request_rows import request_cells
from onsite.access import allowed
from onsite.names import display_name
from onsite.paging import paginate
from onsite.permissions import is_company_wide, may, supervised_department_ids, visible

User = get_user_model()
_RELATED = {
    "overtime": ("user__profile__department", "site", "supervisor_by", "hr_by"),
    "leave": ("user__profile__department", "leave_type", "decided_by"),
    "correction": ("user__profile__department", "decided_by"),
}


def grid_rows(rows):
    """Give each row ``cells``: the ``<td>`` of its days (code, shade, title), worked out in
    one pass with every text escaped, so the template loops over people, not over 30 days
    each (a cell is made once per date, kind, status and correction: most people's days
    are alike)."""
    seen = {}
    for row in rows:
        cells = []
        for day in row.days:
            key = (day.date, day.kind, day.status, day.corrected)
            cell = seen.get(key)
            if cell is None:
                shade = "" if day.is_working else "table-light"
                labels = escape(f"{day.kind_label()} {day.status_label()}")
                code = escape(day.code)
                cell = seen[key] = (
                    f'<td class="{shade}" title="{day.date:%Y-%m-%d} {labels}">{code}</td>'
                )
            cells.append(cell)
        row.cells = mark_safe("".join(cells))  # noqa: S308 - every text escaped above
    return rows


_NUMBER = '<td class="text-end">{}</td>'


def totals_cells(people, months):
    """Each person's totals (who they are, then their month's ``figures``) as the ``<td>`` of
    a table row, escaped and formatted as the template would, the numbers right-aligned."""
    found, numbers = [], {}  # a number's cell made once (most are 0)
    for person, row in zip(people, months, strict=True):
        cells = [f"<td>{escape(v)}</td>" for v in person_values(person)]
        for v in row:
            key = (type(v), v)
            if key not in numbers:
                numbers[key] = _NUMBER.format(escape(localize(v)))
            cells.append(numbers[key])
        found.append(mark_safe("".join(cells)))  # noqa: S308 - every value escaped above
    return found


def unapproved_cells(items):
    """The ``<td>`` of each unapproved day (person, day, hours) of the list: name, department,
    date, kind of day, check-in and check-out in local time ("?" for a missing one), hours;
    every text escaped."""
    found, kinds = [], {}
    for person, day, hours in items:
        profile = getattr(person, "profile", None)
        department = profile.department.name if profile and profile.department else ""
        if day.kind not in kinds:
            kinds[day.kind] = escape(day.kind_label())
        record = day.record
        came = f"{timezone.localtime(record.check_in_at):%H:%M}" if record.check_in_at else ""
        left = f"{timezone.localtime(record.check_out_at):%H:%M}" if record.check_out_at else "?"
        found.append(
            mark_safe(  # noqa: S308 - every text escaped
                f"<td>{escape(display_name(person))}</td><td>{escape(department)}</td>"
                f"<td>{day.date:%Y-%m-%d}</td><td>{kinds[day.kind]}</td>\n    "
                f"<td>{came}–{left}</td>"
                f'<td class="text-end">{escape(localize(hours))}</td>'
            )
        )
    return found


def team_filter(request):
    """The people of the person's team (their departments, or everyone company-wide),
    filtered by the request's month, department and site."""
    people = staff_queryset(base=visible(request.user, User))
    if not is_company_wide(request.user):
        people = people.filter(profile__department_id__in=supervised_department_ids(request.user))
    return StaffMonthFilter(request.GET, queryset=people, request=request)


class GridRow:
    """A person's row of the team grid: who, the day cells, late and early counts."""

    def __init__(self, user, cells, late_count, early_count):
        self.user, self.cells = user, cells
        self.late_count, self.early_count = late_count, early_count
        self.name = display_name(user)


@allowed("attendance.view_team")
@require_GET
def team(request):
    filters = team_filter(request)
    page = paginate(request, stamped(filters.qs))
    first, last = filters.first, filters.last
    people = list(page.object_list)

    def make(missing):
        rows = grid_rows(month_rows(missing, first.year, first.month, balances=False))
        return [(row.cells, row.late_count, row.early_count) for row in rows]

    months = remembered(("grid", get_language()), people, first.year, first.month, make)
    context = {
        "filters": filters,
        "page": page,
        "rows": [GridRow(person, *month) for person, month in zip(people, months, strict=True)],
        "dates": [first + timedelta(days=i) for i in range((last - first).days + 1)],
        "legend": legend(),
        **month_nav(first),
    }
    return render(request, "attendance/team.html", context)


@allowed("attendance.view_team")
@require_GET
def request_list(request):
    """Every overtime or leave request the user may see, filtered by month and status."""
    filters = request_filter(request.GET, lambda model: visible(request.user, model))
    kind = filters.what
    order = ("start_date", "id") if kind == "leave" else ("date", "id")
    page = paginate(request, filters.qs.select_related(*_RELATED[kind]).order_by(*order))
    context = {
        "kind": kind,
        "filters": filters,
        "page": page,
        "rows": request_cells(kind, page.object_list),
        **month_nav(filters.first),
    }
    return render(request, "attendance/request_list.html", context)


@allowed("attendance.view_team")
@require_GET
def unapproved(request):
    filters = team_filter(request)
    first, last = filters.first, filters.last
    frame = Frame(first, last)
    page = paginate(request, stamped(worked_rest_days(filters.qs, frame)))

    def make(missing):
        """Each person's rows (their unapproved days' cells), derived."""
        items = unapproved_items(missing, frame)
        rows = {person.pk: [] for person in missing}
        for (person, _day, _hours), cells in zip(items, unapproved_cells(items), strict=True):
            rows[person.pk].append(cells)
        return [tuple(rows[person.pk]) for person in missing]

    # Each person's rows remembered while their facts and the sites' are unchanged (the
    # cells hold a day's kind in the page's language and its times in the time zone).
    what = ("unapproved", get_language(), last)
    people = remembered(what, list(page.object_list), first.year, first.month, make)
    context = {
        "filters": filters,
        "page": page,
        "rows": [cells for rows in people for cells in rows],
        **month_nav(first),
    }
    return render(request, "attendance/unapproved.html", context)


@allowed("attendance.view_team")
@require_GET
def summary(request):
    filters = team_filter(request)
    page = paginate(request, stamped(filters.qs))
    first = filters.first
    types = leave_types()
    people = list(page.object_list)
    made = []  # the Period of the people not remembered, if any

    def make(missing):
        made.append(Period([p.pk for p in missing], *month_range(first.year, first.month)))
        rows = month_rows(missing, first.year, first.month, period=made[0])
        return [tuple(figures(row, types)) for row in rows]

    what = ("totals", conf.HOURS_PER_DAY)
    months = remembered(what, people, first.year, first.month, make)
    years = [first.year]
    chosen = filters.cleaned
    context = {
        "filters": filters,
        "page": page,
        # The same columns as the PDF and the Excel file.
        "totals_header": header(types),
        "totals": totals_cells(people, months),
        # A department or a site is made on the spot; the whole company in the background.
        "part_chosen": bool(chosen.get("department") or chosen.get("site")),
        "may_export": may(request.user, "attendance.export"),
        "may_manage_leave": may(request.user, "attendance.manage_leave_types"),
        "may_manage_sites": may(request.user, "attendance.manage_sites"),
        "may_name_deputy": may(request.user, "attendance.name_deputy"),
        "may_manage_rules": may(request.user, "attendance.manage_policy"),
        "query": filters.data.urlencode(),
        "provisional": made[0].frame.provisional_years(years) if made else provisional_years(years),
        "flagged": flagged_departments(request.user),
        **month_nav(first),
    }
    return render(request, "attendance/summary.html", context)
