"""The approval queue's rows as HTML cells, worked out in Python once per row.

Each row gets ``cells``: the ``<td>`` of its table row (a checkbox, the applicant with a link
to the request and their department, the section's own columns, the reason, how long it
has waited), every text escaped, so the template loops over rows without resolving a dozen
variables, filters and a ``{% url %}`` for each (the same HTML the template wrote).
"""

from django.utils import timezone
from django.utils.formats import localize
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from onsite.names import display_name
from onsite.rows import Once, link_to, short

_DETAIL = {
    "overtime": "attendance:overtime_detail",
    "leave": "attendance:leave_detail",
    "correction": "attendance:correction_detail",
}


def _overtime(ot, once, late):
    reason = short(ot.reason, 60)
    if ot.submitted_late:
        why = short(ot.late_reason, 30)
        reason += f'<div class="badge text-bg-warning text-wrap">{late}：{why}</div>'
    return (
        f"<td>{ot.date:%Y-%m-%d}</td><td>{ot.start_time:%H:%M}–{ot.end_time:%H:%M}</td>"
        f"<td>{once.label(ot, 'kind')}</td><td>{escape(ot.site_name)}</td>"
        f'<td class="text-wrap text-break">{reason}</td>'
    )


def _leave(leave, once, late):
    return (
        f"<td>{escape(leave.leave_type_name)}</td>"
        f"<td>{leave.start_date:%Y-%m-%d} {once.label(leave, 'start_half')}</td>"
        f"<td>{leave.end_date:%Y-%m-%d} {once.label(leave, 'end_half')}</td>"
        f"<td>{escape(localize(leave.days))}</td>"
        f'<td class="text-wrap text-break">{short(leave.reason, 60)}</td>'
    )


def _correction(fix, once, late):
    return (
        f"<td>{fix.date:%Y-%m-%d}</td><td>{once.label(fix, 'kind')}</td>"
        f"<td>{fix.time:%H:%M}</td>"
        f'<td class="text-wrap text-break">{short(fix.reason, 60)}</td>'
    )


_COLUMNS = {"overtime": _overtime, "leave": _leave, "correction": _correction}


def queue_cells(sections, now=None):
    """Give every row of the ``sections`` its ``cells`` (see the module)."""
    once = Once(now or timezone.now())
    select, late = escape(gettext("Select")), escape(gettext("asked late"))
    for section in sections:
        link, columns = link_to(_DETAIL[section.what]), _COLUMNS[section.what]
        for row in section.rows:
            department = escape(row.department_name or "")
            cells = (
                '<td><input class="form-check-input" type="checkbox" name="ids" '
                f'value="{row.pk}" aria-label="{select}"></td>'
                f'<td><a href="{link.format(pk=row.pk)}">{escape(display_name(row.user))}</a>'
                f'<div class="small text-body-secondary">{department}</div></td>'
                f"{columns(row, once, late)}"
                f'<td class="small text-body-secondary">{once.ago(row.created_at)}</td>'
            )
            row.cells = mark_safe(cells)  # noqa: S308 - every text escaped above
    return sections
