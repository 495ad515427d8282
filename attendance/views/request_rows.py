"""The rows of the list of every request (``request_list``) as HTML cells, worked out in
Python once per row: the same HTML its row templates wrote (``tests/attendance/
request_rows/`` keeps them to compare), without resolving a dozen variables, filters and a
``{% url %}`` for each row.
"""

from django.utils import timezone
from django.utils.formats import localize
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from onsite.names import display_name
from onsite.rows import Once, link_to
from onsite.templatetags.onsite_tags import status

_DETAIL = {
    "overtime": "attendance:overtime_detail",
    "leave": "attendance:leave_detail",
    "correction": "attendance:correction_detail",
}


def _person(user):
    return escape(display_name(user)) if user else ""


def _department(row):
    profile = getattr(row.user, "profile", None)
    department = profile.department if profile else None
    return escape(department.name) if department else ""


def _decided(person, moment):
    """``{{ person|display_name }} {{ moment|date:"m-d H:i" }}`` (local time), or nothing."""
    if not person:
        return ""
    when = f"{timezone.localtime(moment):%m-%d %H:%M}" if moment else ""
    return f"{_person(person)} {when}"


def _overtime(ot, once):
    late = f' <span class="badge text-bg-warning">{once.late}</span>' if ot.submitted_late else ""
    if ot.hr_by:
        decided = _decided(ot.hr_by, ot.hr_at)
    else:
        decided = _decided(ot.supervisor_by, ot.supervisor_at)
    return (
        f"<td>{ot.date:%Y-%m-%d}</td>\n    "
        f"<td>{ot.start_time:%H:%M}–{ot.end_time:%H:%M}</td><td>{once.label(ot, 'kind')}{late}</td>"
        f'\n    <td>{status(ot)}</td><td class="small">{decided}</td>'
    )


def _leave(leave, once):
    return (
        f"<td>{escape(leave.leave_type.name)}</td>\n    "
        f"<td>{leave.start_date:%Y-%m-%d} {once.label(leave, 'start_half')}</td>"
        f"<td>{leave.end_date:%Y-%m-%d} {once.label(leave, 'end_half')}</td>"
        f'<td class="text-end">{escape(localize(leave.days))}</td>\n    '
        f'<td>{status(leave)}</td><td class="small">'
        f"{_decided(leave.decided_by, leave.decided_at)}</td>"
    )


def _correction(fix, once):
    return (
        f"<td>{fix.date:%Y-%m-%d}</td>\n    "
        f"<td>{once.label(fix, 'kind')}</td><td>{fix.time:%H:%M}</td>\n    "
        f'<td>{status(fix)}</td><td class="small">{_decided(fix.decided_by, fix.decided_at)}</td>'
    )


_COLUMNS = {"overtime": _overtime, "leave": _leave, "correction": _correction}


def request_cells(kind, rows):
    """The ``<td>`` of each of ``rows`` (requests of ``kind``), every text escaped."""
    once = Once(timezone.now())
    once.late = escape(gettext("asked late"))
    link, columns = link_to(_DETAIL[kind]), _COLUMNS[kind]
    found = []
    for row in rows:
        cells = (
            f'<td><a href="{link.format(pk=row.pk)}">{_person(row.user)}</a></td>'
            f"<td>{_department(row)}</td>{columns(row, once)}"
        )
        found.append(mark_safe(cells))  # noqa: S308 - every text escaped above
    return found
