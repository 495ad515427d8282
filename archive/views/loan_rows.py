"""The loan lists' rows (my loans, the loan queue) as HTML, worked out in Python once per row:
the HTML their row template wrote (``tests/archive/loan_rows/`` keeps it to compare)."""

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from archive.choices import LoanStatus
from archive.permissions import item_label
from onsite.names import display_name
from onsite.rows import link_to
from onsite.templatetags.onsite_tags import status


def loan_rows(loans, user, today, *, queue):
    """The ``<tr>`` of each loan of the page as ``user`` sees it on ``today``; ``queue``: with
    the borrower's name. Every text escaped."""
    link = link_to("archive:loan_detail")
    digital = f'<i class="bi bi-file-earmark-lock"></i> {escape(_("Digital file"))}'
    overdue = f'<span class="badge text-bg-danger">{escape(_("Overdue"))}</span>'
    found = []
    for loan in loans:
        label = item_label(user, loan.item)
        borrower = f"<td>{escape(display_name(loan.borrower))}</td>" if queue else ""
        if loan.is_digital:
            copy = digital
        else:
            copy = escape((loan.copy.number if loan.copy else None) or "—")
        late = loan.status == LoanStatus.HANDED_OVER and loan.return_by < today
        found.append(
            mark_safe(  # noqa: S308 - every text escaped
                f'<tr>\n      <td class="text-nowrap"><a href="{link.format(pk=loan.pk)}">'
                f"{loan.number}</a></td>\n"
                f"      <td>{escape(label)}</td>\n      {borrower}\n"
                f"      <td>{copy}</td>\n"
                f'      <td class="text-nowrap">{loan.needed_from:%Y-%m-%d}</td>\n'
                f'      <td class="text-nowrap">{loan.return_by:%Y-%m-%d}</td>\n'
                f"      <td>{overdue if late else status(loan)}</td>\n    </tr>"
            )
        )
    return found
