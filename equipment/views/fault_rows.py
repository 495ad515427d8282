"""The fault list's rows as HTML, worked out in Python once per row: the HTML its row
template wrote (``tests/equipment/fault_rows/`` keeps it to compare)."""

from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from onsite.rows import link_to
from onsite.templatetags.onsite_tags import status


def fault_rows(faults):
    """The ``<tr>`` of each fault of the page: the fault, its device and where it is, when
    the client reported it (local time), its state. Every text escaped."""
    link = link_to("equipment:fault_detail")
    found = []
    for fault in faults:
        device = fault.equipment
        reported = timezone.localtime(fault.client_reported_at)
        found.append(
            mark_safe(  # noqa: S308 - every text escaped
                f'<tr><td><a href="{link.format(pk=fault.pk)}">{escape(str(fault))}</a></td>'
                f'<td class="d-none d-md-table-cell small">{escape(device.name)} · '
                f"{escape(device.location)}</td>"
                f'<td class="text-nowrap">{reported:%m-%d %H:%M}</td>'
                f"<td>{status(fault)}</td></tr>"
            )
        )
    return found
