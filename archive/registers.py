"""The collection register and the loan register, as PDF and Excel, scoped to the exporter.

Excel is made in the request. A PDF is always made in the background (``archive.exports``):
WeasyPrint takes about a second for the first rows alone (fonts), ~10 ms a row after.
"""

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from archive.choices import CopyStatus, RegisterKind
from archive.filters import ItemFilter
from archive.models import Loan
from onsite import audit
from onsite.excel import workbook_bytes
from onsite.names import display_name
from onsite.pdf import render_pdf
from onsite.permissions import visible

FORMATS = ("pdf", "xlsx")
# The audit action of a register made on the spot (``app.model.action``).
EXPORT_ACTIONS = {
    RegisterKind.ITEMS: "archive.item.export",
    RegisterKind.LOANS: "archive.loan.export",
}


def _name(user):
    return display_name(user)


def _local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


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


def build_register(user, kind, params, fmt):
    """(content, row count, file name) of a register as ``user`` may see it."""
    if kind == RegisterKind.ITEMS:
        items = ItemFilter(params, user=user).qs
        rows, header, title = item_rows(items), item_header(), _("Collection register")
    else:
        rows = loan_rows(visible(user, Loan), timezone.localdate())
        header, title = loan_header(), _("Loan register")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    name = f"{title}-{stamp}.{fmt}"
    if fmt == "xlsx":
        return workbook_bytes([(title, header, rows)]), len(rows), name
    content = render_pdf(
        "archive/pdf/register.html",
        {"title": title, "header": header, "rows": rows, "landscape": True},
        exported_by=user,
    )
    return content, len(rows), name


def count_rows(user, kind, params):
    if kind == RegisterKind.ITEMS:
        return ItemFilter(params, user=user).qs.count()
    return visible(user, Loan).count()


def excel_register(user, kind, params):
    """(content, file name) of a register as Excel made now for ``user``; audited."""
    content, count, name = build_register(user, kind, params, "xlsx")
    audit.record(user, EXPORT_ACTIONS[kind], comment=f"xlsx, {count} rows")
    return content, name


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
