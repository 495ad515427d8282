"""Monthly attendance exports: PDF (WeasyPrint) and Excel, for a department, a site or all.

The whole company runs in the background (``tasks.build_export``) through ``run_export``,
which records its progress on the ``AttendanceExport`` row and stores the file under
``PRIVATE_MEDIA_ROOT`` (never a public URL; HR downloads it through a view).
"""

import logging
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from attendance.choices import ExportFormat
from attendance.holidays import month_range, provisional_years
from attendance.models import AttendanceExport
from attendance.summary import (
    by_department,
    header,
    leave_types,
    month_rows,
    staff_queryset,
    values,
)
from onsite.choices import ExportState
from onsite.excel import workbook_bytes
from onsite.pdf import render_pdf

logger = logging.getLogger(__name__)
EXPORT_DIR = "attendance-exports"
KEEP_FOR = timedelta(days=7)


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
    """The month as PDF: per department a day grid and a totals table, then signature lines."""
    types = types if types is not None else leave_types()
    sections = [
        {
            "department": department,
            "rows": rows,
            "totals": [values(row, types) for row in rows],
        }
        for department, rows in groups
    ]
    context = {
        "year": year,
        "month": month,
        "scope_label": label,
        "dates": _day_header(year, month),
        "sections": sections,
        "totals_header": header(types),
        "grid_legend": _legend(),
        "provisional": provisional_years([year]),
    }
    return render_pdf("attendance/pdf/month.html", context, exported_by=exported_by)


def _legend():
    from attendance.choices import STATUS_CODES, DayStatus

    return [(str(code), DayStatus(status).label) for status, code in STATUS_CODES.items() if code]


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
    return workbook_bytes(sheets)


def build(people, year, month, fmt, *, label, exported_by, progress=None):
    """Compute the rows department by department (reporting progress) and render the file."""
    people = list(people)
    types = leave_types()
    groups = []
    by_dept = {}
    for person in people:
        by_dept.setdefault(person.profile.department_id, []).append(person)
    for members in by_dept.values():
        rows = month_rows(members, year, month)
        groups.extend(by_department(rows))
        if progress:
            progress()
    if fmt == ExportFormat.PDF:
        return pdf_bytes(groups, year, month, label=label, exported_by=exported_by, types=types)
    return xlsx_bytes(groups, year, month, types=types)


def file_name(year, month, fmt, label):
    safe = "".join(ch for ch in label if ch.isalnum() or ch in "-_")[:40] or "attendance"
    return f"attendance-{year}-{month:02d}-{safe}.{fmt}"


# A queued export older than this lost its task (broker down): the beat sweep builds it.
STALE_QUEUED = timedelta(minutes=2)


def export_path(export):
    return Path(settings.PRIVATE_MEDIA_ROOT) / EXPORT_DIR / f"{export.token}.{export.format}"


def run_export(export_id):
    """Build one queued export (the body of the Celery task; tests call it directly).

    Exports older than ``KEEP_FOR`` are deleted first, so files do not pile up.
    """
    purge_expired()
    claimed = AttendanceExport.objects.filter(
        pk=export_id, state__in=[ExportState.QUEUED, ExportState.FAILED]
    ).update(state=ExportState.RUNNING, done_steps=0, error="")
    if not claimed:
        return None  # running or done already (a duplicate delivery of the task)
    export = AttendanceExport.objects.select_related(
        "requested_by__profile", "department", "site"
    ).get(pk=export_id)
    language = getattr(getattr(export.requested_by, "profile", None), "language", None)
    try:
        with translation.override(language or settings.LANGUAGE_CODE):
            people = staff_queryset(
                department=export.department,
                site=export.site,
                year=export.year,
                month=export.month,
            )
            departments = people.values("profile__department_id").distinct().count()
            AttendanceExport.objects.filter(pk=export.pk).update(total_steps=departments + 1)

            def step():
                AttendanceExport.objects.filter(pk=export.pk).update(done_steps=F("done_steps") + 1)

            label = scope_label(export.department, export.site)
            content = build(
                people,
                export.year,
                export.month,
                export.format,
                label=label,
                exported_by=export.requested_by,
                progress=step,
            )
        path = export_path(export)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        AttendanceExport.objects.filter(pk=export.pk).update(
            state=ExportState.DONE,
            done_steps=F("total_steps"),
            file_name=file_name(export.year, export.month, export.format, label),
            finished_at=timezone.now(),
        )
    except Exception as error:
        logger.exception("Attendance export %s failed", export_id)
        AttendanceExport.objects.filter(pk=export.pk).update(
            state=ExportState.FAILED, error=str(error)[:1000], finished_at=timezone.now()
        )
        raise
    return export_path(export)


def purge_expired(now=None):
    """Delete export files and rows older than ``KEEP_FOR``; returns how many."""
    now = now or timezone.now()
    old = AttendanceExport.objects.filter(created_at__lt=now - KEEP_FOR)
    count = 0
    for export in old:
        export_path(export).unlink(missing_ok=True)
        export.delete()
        count += 1
    return count


def stale_queued(now=None):
    """Ids of exports still queued after ``STALE_QUEUED`` (their task never reached a worker)."""
    now = now or timezone.now()
    return list(
        AttendanceExport.objects.filter(
            state=ExportState.QUEUED, created_at__lt=now - STALE_QUEUED
        ).values_list("pk", flat=True)
    )
