"""The archive item list's rows as HTML, worked out in Python once per row: the HTML its row
template wrote (``tests/archive/item_rows/`` keeps it to compare), without resolving a
dozen variables, filters and a ``{% url %}`` for each of the page's rows."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

from archive.choices import ItemStatus
from onsite.names import display_name
from onsite.rows import Once, link_to
from onsite.templatetags.onsite_tags import status

_TONE = {0: "light", 1: "warning"}  # 2 and above: danger


def item_rows(items):
    """The ``<tr>`` of each item of the page, every text escaped."""
    once = Once(None)
    link = link_to("archive:item_detail")
    found = []
    for item in items:
        destroyed = item.status == ItemStatus.DESTROYED
        badge = f" {status(item)}" if destroyed else ""
        level = item.classification
        key = ("classification", level)
        if key not in once:
            once[key] = escape(item.classification_label)
        shade = ' class="text-body-secondary"' if destroyed else ""
        found.append(
            mark_safe(  # noqa: S308 - every text escaped
                f"<tr{shade}>\n"
                f'      <td class="text-nowrap">{escape(item.reference)}</td>\n'
                f'      <td><a href="{link.format(pk=item.pk)}">'
                f"{escape(item.title)}</a>{badge}</td>\n"
                f'      <td class="d-none d-md-table-cell">{escape(item.meeting)}</td>\n'
                f'      <td class="text-nowrap">{item.event_date:%Y-%m-%d}</td>\n'
                f'      <td><span class="badge text-bg-{_TONE.get(level, "danger")}">'
                f"{once[key]}</span></td>\n"
                f'      <td class="d-none d-md-table-cell">{once.label(item, "medium")}</td>\n'
                f'      <td class="d-none d-md-table-cell">{escape(item.location)}</td>\n'
                f'      <td class="d-none d-md-table-cell">{item.kept_copies}</td>\n'
                f'      <td class="d-none d-lg-table-cell">{escape(display_name(item.custodian))}'
                "</td>\n    </tr>"
            )
        )
    return found
