"""The detailed sheet: each person's days of a month, one line a day.

A line holds the date, the kind of day, the derived status, the check-in and check-out
times, the leave and the overtime of the day. The lines of a person are one text block in
a monospaced font, padded to columns by display width (a CJK character is two columns),
so a month of 500 people is 15,000 lines, not 100,000 table cells.
"""

import unicodedata

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from attendance.choices import OvertimeKind, OvertimeStatus
from attendance.conf import conf
from attendance.holidays import provisional_years
from attendance.pdf.document import pack, render_document, slices
from attendance.summary import hours

GAP = "  "


def width(text):
    """Display columns of ``text`` in a monospaced CJK font (wide characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text, columns):
    return text + " " * max(columns - width(text), 0)


def _time(moment):
    return timezone.localtime(moment).strftime("%H:%M") if moment else ""


def _leave(day):
    if not day.leave:
        return ""
    if not day.leave_portions:
        return day.leave.leave_type.name
    return ", ".join(
        _("%(type)s %(days)s d") % {"type": leave_type.name, "days": days}
        for leave_type, days in day.leave_portions
    )


def _overtime(ot):
    minutes = ot.actual_minutes if ot.actual_minutes is not None else ot.planned_minutes
    return _("%(start)s-%(end)s %(kind)s %(hours)s h, %(status)s") % {
        "start": ot.start_time.strftime("%H:%M"),
        "end": ot.end_time.strftime("%H:%M"),
        "kind": OvertimeKind(ot.kind).label,
        "hours": hours(minutes),
        "status": OvertimeStatus(ot.status).label,
    }


def day_cells(day):
    """The columns of one day: date, weekday, kind, status, in, out, leave, overtime."""
    status = day.status_label()
    if day.corrected:
        status = _("%(status)s (corrected)") % {"status": status}
    record = day.record
    return [
        day.date.strftime("%m-%d"),
        date_format(day.date, "D"),
        str(day.kind_label()),
        str(status),
        _time(record.check_in_at) if record else "",
        _time(record.check_out_at) if record else "",
        str(_leave(day)),
        "; ".join(str(_overtime(ot)) for ot in day.overtime),
    ]


def titles():
    return [
        _("Date"),
        _("Day"),
        _("Kind of day"),
        _("Status"),
        _("In"),
        _("Out"),
        _("Leave"),
        _("Overtime"),
    ]


def person_lines(rows_of_cells):
    """The header line and the day lines, every column padded to its widest cell."""
    table = [titles(), *rows_of_cells]
    widths = [max(width(row[i]) for row in table) for i in range(len(table[0]) - 1)]
    return "\n".join(
        GAP.join([*(pad(cell, w) for cell, w in zip(row, widths, strict=False)), row[-1]]).rstrip()
        for row in table
    )


def summary(row):
    leave_days = sum(row.leave_days.values())
    overtime = sum(row.overtime_minutes.values())
    return _(
        "Present %(present)s d · late %(late)s · early leave %(early)s · missing check-out "
        "%(missing)s · absent %(absent)s · leave %(leave)s d · overtime %(overtime)s h"
    ) % {
        "present": row.present_days,
        "late": row.late_count,
        "early": row.early_count,
        "missing": row.missing_out_count,
        "absent": row.absent_count,
        "leave": leave_days,
        "overtime": hours(overtime),
    }


def people(rows):
    return [
        {
            "employee_no": row.employee_no,
            "name": row.name,
            "lines": person_lines([day_cells(day) for day in row.days]),
            "summary": summary(row),
        }
        for row in rows
    ]


def sections_of(groups):
    """The sections of the sheet, as text, from ``groups`` ([(department, rows)]): the rows
    (and their days) can be dropped once a department is turned into lines."""
    return [
        {
            "department": department,
            "continued": continued,
            "size": len(rows),
            "people": people(rows),
        }
        for department, rows, continued in slices(groups, conf.PDF_PART_ROWS)
    ]


def detail_pdf(sections, dates, *, year, month, label, exported_by):
    """PDF bytes of every person's days, from ``sections`` (``sections_of``), in parts."""
    parts = pack(sections, conf.PDF_PART_ROWS)
    context = {
        "year": year,
        "month": month,
        "scope_label": label,
        "dates": dates,
        "provisional": provisional_years([year]),
    }
    return render_document(
        "attendance/pdf/detail.html", parts, context, exported_by=exported_by, page_size="A4"
    )
