"""Background exports of the equipment app: the monthly compliance report as Excel or PDF.

Made by the core's export framework (``onsite.exports``): queued, claimed once, built in
the requester's language with the sites they lead when it runs, stored privately with its
SHA-256, downloadable by the requester only until it expires.
"""

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from equipment import compliance
from equipment.models import EquipmentExport
from onsite import exports
from onsite.excel import workbook_bytes
from onsite.pdf import render_pdf

FORMATS = ("xlsx", "pdf")


def _minutes(value):
    return "" if value is None else value


def sheet_rows(rows):
    header = [
        _("Site"),
        _("Venue"),
        _("On time"),
        _("Late"),
        _("Missed"),
        _("Still open"),
        _("Faults"),
        _("Response target (min)"),
        _("Average response (min)"),
        _("Responded within target"),
        _("Fix target (h)"),
        _("Average fix (min)"),
        _("Fixed within target"),
    ]
    body = [
        [
            row.site.name,
            row.venue.name if row.venue else "",
            row.on_time,
            row.late,
            row.missed,
            row.open,
            row.faults,
            row.response_target,
            _minutes(row.average_response),
            row.response_within,
            row.fix_target,
            _minutes(row.average_fix),
            row.fix_within,
        ]
        for row in rows
    ]
    return header, body


@exports.builder(
    "equipment.compliance", EquipmentExport, label=gettext_lazy("Equipment compliance")
)
def build_compliance(export, progress):
    first = date(export.year, export.month, 1)
    rows = compliance.month_rows(export.requested_by, first)
    progress(1, 2)
    label = compliance.month_label(first)
    name = _("Equipment compliance %(month)s") % {"month": label}
    if export.format == "xlsx":
        header, body = sheet_rows(rows)
        content = workbook_bytes([(label, header, body)])
    else:
        content = render_pdf(
            "equipment/pdf/compliance.html",
            {
                "rows": rows,
                "total": compliance.totals(rows),
                "month": label,
                "chart": compliance.chart(rows),
            },
            exported_by=export.requested_by,
        )
    return content, f"{name}.{export.format}", len(rows)


def queue_compliance(user, first, fmt):
    """Have the month's compliance report made in the background for ``user``."""
    return exports.queue(
        user,
        "equipment.compliance",
        fmt=fmt,
        year=first.year,
        month=first.month,
        params={"month": compliance.month_label(first)},
    )
