"""The collection register and the loan register, as PDF and Excel, scoped to the exporter."""

from django.conf import settings
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from archive.choices import CopyStatus
from onsite import audit
from onsite.excel import workbook_bytes, xlsx_response
from onsite.names import display_name
from onsite.pdf import render_pdf

FORMATS = ("pdf", "xlsx")


def pdf_max_rows():
    """A PDF register is rendered in the request; past this many rows use Excel or filter."""
    return getattr(settings, "ARCHIVE_PDF_MAX_ROWS", 400)


class TooManyRows(Exception):
    """The PDF would take too long to render in a request."""


def _name(user):
    return display_name(user)


def _local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def _pdf_response(content, filename):
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _check_pdf_size(rows):
    if len(rows) > pdf_max_rows():
        raise TooManyRows(
            _(
                "%(count)s rows are too many for a PDF made on the spot (at most %(max)s): "
                "narrow the search or export to Excel."
            )
            % {"count": len(rows), "max": pdf_max_rows()}
        )


def item_rows(items):
    items = items.select_related("collection", "custodian").annotate(
        kept_copies=Count("copies", filter=Q(copies__status=CopyStatus.KEPT))
    )
    return [
        [
            item.reference,
            item.title,
            item.meeting,
            item.event_date.isoformat(),
            str(item.classification_label),
            item.get_medium_display(),
            item.location,
            item.kept_copies,
            _name(item.custodian),
            item.retention_until.isoformat() if item.retention_until else "",
            item.get_status_display(),
        ]
        for item in items.order_by("collection__code", "pk")
    ]


def item_header():
    return [
        _("Reference"),
        _("Title"),
        _("Meeting or event"),
        _("Date"),
        _("Classification"),
        _("Medium"),
        _("Storage location"),
        _("Copies kept"),
        _("Custodian"),
        _("Retain until"),
        _("Status"),
    ]


def item_register_response(user, items, fmt):
    if fmt not in FORMATS:
        raise Http404
    rows = item_rows(items)
    if fmt == "pdf":
        _check_pdf_size(rows)
    audit.record(user, "archive.register.items", comment=f"{fmt}, {len(rows)} items")
    title = _("Collection register")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if fmt == "xlsx":
        content = workbook_bytes([(title, item_header(), rows)])
        return xlsx_response(content, f"archive-items-{stamp}.xlsx")
    content = render_pdf(
        "archive/pdf/register.html",
        {"title": title, "header": item_header(), "rows": rows, "landscape": True},
        exported_by=user,
    )
    return _pdf_response(content, f"archive-items-{stamp}.pdf")


def loan_header():
    return [
        _("Loan"),
        _("Item"),
        _("Copy"),
        _("Borrower"),
        _("Status"),
        _("Needed from"),
        _("Return by"),
        _("Handed over"),
        _("Returned"),
        _("Condition on return"),
    ]


def loan_rows(loans, today):
    loans = loans.select_related("item__collection", "copy", "borrower").order_by("pk")
    rows = []
    for loan in loans:
        status = loan.get_status_display()
        if loan.is_overdue(today):
            status = _("Overdue")
        rows.append(
            [
                loan.pk,
                str(loan.item),
                loan.copy.number if loan.copy_id else "",
                _name(loan.borrower),
                str(status),
                loan.needed_from.isoformat(),
                loan.return_by.isoformat(),
                _local(loan.handed_over_at),
                _local(loan.returned_at),
                loan.get_condition_in_display(),
            ]
        )
    return rows


def loan_register_response(user, loans, fmt):
    if fmt not in FORMATS:
        raise Http404
    rows = loan_rows(loans, timezone.localdate())
    if fmt == "pdf":
        _check_pdf_size(rows)
    audit.record(user, "archive.register.loans", comment=f"{fmt}, {len(rows)} loans")
    title = _("Loan register")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if fmt == "xlsx":
        content = workbook_bytes([(title, loan_header(), rows)])
        return xlsx_response(content, f"archive-loans-{stamp}.xlsx")
    content = render_pdf(
        "archive/pdf/register.html",
        {"title": title, "header": loan_header(), "rows": rows, "landscape": True},
        exported_by=user,
    )
    return _pdf_response(content, f"archive-loans-{stamp}.pdf")
