"""Exports of the access log and of the denied attempts (PDF and Excel), made in the
background by the core's export framework: owner-only, private, with SHA-256 and expiry."""

from datetime import datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from meetingroom.choices import ExportKind
from meetingroom.models import AccessEntry, AccessLogExport, DeniedAttempt
from onsite import exports
from onsite.excel import workbook_bytes
from onsite.names import display_name
from onsite.pdf import render_pdf
from onsite.permissions import may, require, visible
from onsite.workflow import WorkflowError


def _local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def _period(export):
    start = timezone.make_aware(datetime.combine(export.date_from, time.min))
    end = timezone.make_aware(datetime.combine(export.date_to + timedelta(days=1), time.min))
    return start, end


def log_table(export):
    """(title, header, rows) of the access log of the export's venue and period."""
    start, end = _period(export)
    entries = (
        visible(export.requested_by, AccessEntry)
        .filter(venue=export.venue, entered_at__gte=start, entered_at__lt=end)
        .select_related("supervisor", "logged_by")
        .order_by("entered_at", "pk")
    )
    header = [
        _("Who"),
        pgettext("meetingroom", "Organisation"),
        pgettext("meetingroom", "Purpose"),
        _("Time in"),
        _("Time out"),
        _("Supervising person"),
        _("Logged by"),
    ]
    rows = [
        [
            e.name,
            e.organisation,
            e.purpose,
            _local(e.entered_at),
            _local(e.exited_at),
            display_name(e.supervisor),
            display_name(e.logged_by),
        ]
        for e in entries.iterator(chunk_size=2000)
    ]
    return _("Access log"), header, rows


def denial_table(export):
    start, end = _period(export)
    attempts = (
        visible(export.requested_by, DeniedAttempt)
        .filter(venue=export.venue, attempted_at__gte=start, attempted_at__lt=end)
        .select_related("logged_by")
        .order_by("attempted_at", "pk")
    )
    header = [
        _("Time"),
        _("Who"),
        pgettext("meetingroom", "Organisation"),
        pgettext("meetingroom", "Reason"),
        _("Message"),
        _("Logged by"),
    ]
    rows = [
        [
            _local(a.attempted_at),
            a.name,
            a.organisation,
            str(a.get_reason_display()),
            a.message,
            display_name(a.logged_by),
        ]
        for a in attempts.iterator(chunk_size=2000)
    ]
    return _("Denied attempts"), header, rows


TABLES = {ExportKind.ACCESS_LOG: log_table, ExportKind.DENIALS: denial_table}


def _builder(kind):
    def build(export, progress):
        if not may(export.requested_by, "meetingroom.export", export.venue):
            raise WorkflowError(_("You no longer manage this venue."))
        title, header, rows = TABLES[kind](export)
        progress(1, 2)
        period = f"{export.date_from.isoformat()}–{export.date_to.isoformat()}"
        name = f"{title}-{export.venue.name}-{export.date_from:%Y%m%d}-{export.date_to:%Y%m%d}"
        if export.format == "xlsx":
            return workbook_bytes([(title, header, rows)]), f"{name}.xlsx", len(rows)
        content = render_pdf(
            "meetingroom/pdf/table.html",
            {
                "title": title,
                "venue": export.venue,
                "period": period,
                "header": header,
                "rows": rows,
                "landscape": True,
            },
            exported_by=export.requested_by,
        )
        return content, f"{name}.pdf", len(rows)

    return build


exports.builder("meetingroom.access_log", AccessLogExport, label=gettext_lazy("Access log"))(
    _builder(ExportKind.ACCESS_LOG)
)
exports.builder("meetingroom.denials", AccessLogExport, label=gettext_lazy("Denied attempts"))(
    _builder(ExportKind.DENIALS)
)


def queue_export(user, *, venue, kind, fmt, date_from, date_to):
    """A manager asks for the access log or the denied attempts of a period of a venue."""
    require(user, "meetingroom.export", venue)
    return exports.queue(
        user,
        f"meetingroom.{kind}",
        fmt=fmt,
        venue=venue,
        date_from=date_from,
        date_to=date_to,
        comment=f"{venue.pk} {date_from.isoformat()}–{date_to.isoformat()}",
    )
