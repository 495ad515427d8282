"""The work report lists' rows as HTML, worked out in Python once per row: the HTML their
row template wrote (``tests/duties/report_rows/`` keeps it to compare)."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

from onsite.names import display_name
from onsite.rows import Once, link_to, short
from onsite.templatetags.onsite_tags import status


def report_rows(reports, *, team):
    """The link of each report of the page: (``team``: its author,) its kind and period, its
    state and the start of what was done. Every text escaped."""
    link, once, found = link_to("duties:report_detail"), Once(None), []
    for report in reports:
        author = f"{escape(display_name(report.author))} · " if team else ""
        found.append(
            mark_safe(  # noqa: S308 - every text escaped
                '<a class="list-group-item list-group-item-action" '
                f'href="{link.format(pk=report.pk)}">\n'
                '    <div class="d-flex justify-content-between gap-2"><strong>'
                f"{author}{once.label(report, 'kind')} {report.period_start:%Y-%m-%d}</strong> "
                f"{status(report)}</div>\n"
                '    <small class="text-body-secondary text-break">'
                f"{short(report.work_done, 90)}</small>\n  </a>"
            )
        )
    return found
