"""Monthly attendance exports: PDF (WeasyPrint) and Excel, for a department, a site or all.

A department or a site is made on the spot (``month_file``). The whole company is made in
the background by the core's export framework (``onsite.exports``): ``queue_month`` records
an ``AttendanceExport``, and the builder ``attendance.month`` makes it in the requester's
language, reporting its progress department by department; the file is private, kept with
its SHA-256 and downloadable by the requester only until it expires.
"""

from datetime import timedelta

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from attendance.choices import ExportFormat, ExportScope
from attendance.holidays import month_range
from attendance.models import AttendanceExport
from attendance.summary import (
    by_department,
    header,
    leave_types,
    month_rows,
    staff_queryset,
    values,
)
from onsite import audit, exports
from onsite.excel import workbook_bytes
from onsite.permissions import require
from onsite.workflow import WorkflowError

# The export form's choice of the detailed day-by-day sheet (made as PDF).
DETAIL = "detail"


def scope_label(department=None, site=None):
    if department is not None:
        return _("Department: %(name)s") % {"name": department.name}
    if site is not None:
        return _("Client site: %(name)s") % {"name": site.name}
    return _("Whole company")


def _day_header(year, month):
    first, last = month_range(year, month)
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def pdf_bytes(groups, year, month, *, label, exported_by, types=None):
    """The month as PDF: per department a day grid and a totals table, then signature lines
    (made in parts, in parallel, and joined: ``attendance.pdf``)."""
    from attendance.pdf.month import month_pdf

    types = types if types is not None else leave_types()
    return month_pdf(
        groups,
        _day_header(year, month),
        year=year,
        month=month,
        label=label,
        exported_by=exported_by,
        types=types,
    )


def _legend():
    from attendance.summary import legend

    return legend()


def xlsx_bytes(groups, year, month, *, types=None):
    """The month as Excel: one sheet per department, the same totals as the summary page."""
    types = types if types is not None else leave_types()
    dates = _day_header(year, month)
    sheets = []
    for department, rows in groups:
        sheets.append(
            (
                department.name,
                [*header(types), *[d.strftime("%m-%d") for d in dates]],
                [[*values(row, types), *row.codes] for row in rows],
            )
        )
    # What the day codes mean, corrected days (补卡) included.
    legend = [[str(cell) for cell in row] for row in _legend()]
    sheets.append((_("Legend"), [_("Code"), _("Meaning")], legend))
    return workbook_bytes(sheets)


def build(people, year, month, fmt, *, label, exported_by, progress=None):
    """Compute the rows department by department and render the file.

    ``progress(done, total)`` is told after each department (the last step renders).
    """
    types = leave_types()
    by_dept = {}
    for person in people:
        by_dept.setdefault(person.profile.department_id, []).append(person)
    total = len(by_dept) + 1
    groups = []
    for done, members in enumerate(by_dept.values(), start=1):
        groups.extend(by_department(month_rows(members, year, month)))
        if progress:
            progress(done, total)
    if fmt == ExportFormat.PDF:
        return pdf_bytes(groups, year, month, label=label, exported_by=exported_by, types=types)
    return xlsx_bytes(groups, year, month, types=types)


def build_detail(people, year, month, *, label, exported_by, progress=None):
    """The detailed day-by-day PDF: each department's days turned into lines as soon as
    they are computed, then the parts rendered in parallel and joined."""
    from attendance.pdf.detail import detail_pdf, sections_of

    by_dept = {}
    for person in people:
        by_dept.setdefault(person.profile.department_id, []).append(person)
    total = len(by_dept) + 1
    sections = []
    for done, members in enumerate(by_dept.values(), start=1):
        sections.extend(sections_of(by_department(month_rows(members, year, month))))
        if progress:
            progress(done, total)
    return detail_pdf(
        sections,
        _day_header(year, month),
        year=year,
        month=month,
        label=label,
        exported_by=exported_by,
    )


def file_name(year, month, fmt, department=None, site=None, *, title=None):
    """``月度考勤表-2026-11-音视频部.pdf``: the month and the scope's own name, in the requester's
    language (sent as an RFC 6266 ``filename*``, so browsers keep the Chinese)."""
    scope = department.name if department else site.name if site else _("Whole company")
    safe = "".join(ch for ch in str(scope) if ch.isalnum() or ch in "-_")[:40]
    return (title or _("Monthly attendance")) + f"-{year}-{month:02d}-{safe}.{fmt}"


def _check_format(fmt):
    if fmt not in ExportFormat.values:
        raise WorkflowError(_("Choose a month and a format."))


def month_file(user, *, year, month, fmt, department=None, site=None):
    """One department's or site's month made now: (content, file name); audited.

    Enforces R2.3-hr-supervises-attendance.
    """
    require(user, "attendance.export")
    _check_format(fmt)
    label = scope_label(department, site)
    people = staff_queryset(department=department, site=site, year=year, month=month)
    content = build(list(people), year, month, fmt, label=label, exported_by=user)
    audit.record(user, "attendance.export.download", comment=f"{fmt} {year}-{month:02d} {label}")
    return content, file_name(year, month, fmt, department, site)


def queue_month(user, *, year, month, fmt, department=None, site=None):
    """Have a month made in the background for ``user`` (the whole company, or a part);
    ``fmt`` ``detail`` is the detailed day-by-day PDF.

    Enforces R2.3-hr-supervises-attendance.
    """
    require(user, "attendance.export")
    kind = "attendance.month"
    if fmt == DETAIL:
        kind, fmt = "attendance.detail", ExportFormat.PDF
    _check_format(fmt)
    scope = (
        ExportScope.DEPARTMENT if department else ExportScope.SITE if site else ExportScope.COMPANY
    )
    return exports.queue(
        user,
        kind,
        fmt=fmt,
        scope=scope,
        department=department,
        site=site,
        year=year,
        month=month,
    )


@exports.builder("attendance.month", AttendanceExport, label=gettext_lazy("Monthly attendance"))
def build_month(export, progress):
    """The builder of a queued month: (content, file name, rows), with the people of its
    scope as they are when it runs."""
    label = scope_label(export.department, export.site)
    people = list(
        staff_queryset(
            department=export.department, site=export.site, year=export.year, month=export.month
        )
    )
    content = build(
        people,
        export.year,
        export.month,
        export.format,
        label=label,
        exported_by=export.requested_by,
        progress=progress,
    )
    name = file_name(export.year, export.month, export.format, export.department, export.site)
    return content, name, len(people)


@exports.builder(
    "attendance.detail", AttendanceExport, label=gettext_lazy("Detailed attendance (day by day)")
)
def build_detail_export(export, progress):
    """The builder of a queued detailed sheet (PDF): (content, file name, rows)."""
    people = list(
        staff_queryset(
            department=export.department, site=export.site, year=export.year, month=export.month
        )
    )
    content = build_detail(
        people,
        export.year,
        export.month,
        label=scope_label(export.department, export.site),
        exported_by=export.requested_by,
        progress=progress,
    )
    name = file_name(
        export.year,
        export.month,
        ExportFormat.PDF,
        export.department,
        export.site,
        title=_("Detailed attendance"),
    )
    return content, name, len(people)
