"""Background exports of the duties app: the receipts of a document as Excel (who signed,
answered, explained and when), for its sender, HR or a supervisor (their people only).

Made by the core's export framework (``onsite.exports``): queued, claimed once, built in the
requester's language with the rows they may see when it runs, stored privately with its
SHA-256, downloadable by the requester only until it expires.
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duties.models import CompanyDocument, DutiesExport, Receipt
from onsite import exports
from onsite.excel import workbook_bytes
from onsite.names import display_name
from onsite.permissions import may, visible
from onsite.workflow import WorkflowError


def _when(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


@exports.builder("duties.receipts", DutiesExport, label=gettext_lazy("Receipts of a document"))
def build_receipts(export, progress):
    """One row per receipt the requester may follow, in employee-number order."""
    user = export.requested_by
    document = visible(user, CompanyDocument).get(pk=export.params["document"])
    rows = (
        visible(user, Receipt)
        .filter(document=document)
        .select_related("recipient__profile__department")
        .order_by("recipient__profile__employee_no", "pk")
    )
    header = [
        _("Employee number"),
        _("Name"),
        _("Department"),
        _("Status"),
        _("Signed at"),
        _("Answered at"),
        _("Written explanation"),
        _("Reply"),
        _("Deemed accepted at"),
    ]
    lines = []
    for receipt in rows:
        profile = getattr(receipt.recipient, "profile", None)
        lines.append(
            [
                profile.employee_no if profile else "",
                display_name(receipt.recipient),
                profile.department.name if profile else "",
                str(receipt.get_status_display()),
                _when(receipt.signed_at),
                _when(receipt.answered_at),
                receipt.explanation,
                receipt.reply,
                _when(receipt.deemed_at),
            ]
        )
    progress(len(lines), len(lines))
    content = workbook_bytes([(document.title, header, lines)])
    return content, f"{_('Receipts')}-{document.pk}.xlsx", len(lines)


def queue_receipts(user, document):
    """Have the receipts of ``document`` made as Excel in the background for ``user``."""
    if not may(user, "duties.see_receipts", document):
        raise WorkflowError(_("You do not follow the receipts of this document."))
    return exports.queue(user, "duties.receipts", fmt="xlsx", params={"document": document.pk})
