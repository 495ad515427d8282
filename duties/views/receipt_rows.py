"""A document's receipts as table rows, worked out in Python once per row: the HTML their
row template wrote (``tests/duties/receipt_rows/`` keeps it to compare)."""

from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from onsite.names import display_name
from onsite.rows import link_to, short
from onsite.templatetags.onsite_tags import status


def _when(moment, empty="—"):
    """``moment|date:"m-d H:i"`` in local time, or ``empty``."""
    return f"{timezone.localtime(moment):%m-%d %H:%M}" if moment else empty


def receipt_rows(receipts):
    """The ``<tr>`` of each receipt of the page: the recipient (number, department), its state,
    when it was signed and answered (or deemed accepted), the explanation and its reply.
    Every text escaped."""
    link = link_to("duties:receipt_detail")
    found = []
    for receipt in receipts:
        person = receipt.recipient
        profile = getattr(person, "profile", None)
        number = escape(profile.employee_no) if profile else ""
        department = escape(profile.department.name) if profile else ""
        reply = receipt.reply
        replied = f'<div class="text-success">↳ {short(reply, 60)}</div>' if reply else ""
        deemed = _when(receipt.deemed_at, "")
        found.append(
            mark_safe(  # noqa: S308 - every text escaped
                f'<tr data-status="{escape(receipt.status)}">\n'
                f'    <td><a href="{link.format(pk=receipt.pk)}">{escape(display_name(person))}'
                f'</a><div class="small text-body-secondary">{number} · {department}</div></td>\n'
                f"    <td>{status(receipt)}</td>\n"
                f'    <td class="text-nowrap">{_when(receipt.signed_at)}</td>\n'
                f'    <td class="text-nowrap">{_when(receipt.answered_at)}{deemed}</td>\n'
                f'    <td class="small text-break">{short(receipt.explanation, 80)}{replied}</td>\n'
                "  </tr>"
            )
        )
    return found
