"""The visit list's rows as HTML, worked out in Python once per row: the HTML its row
template wrote (``tests/meetingroom/visit_rows/`` keeps it to compare)."""

from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from onsite.names import display_name
from onsite.rows import link_to
from onsite.templatetags.onsite_tags import status


def visit_rows(visits):
    """The link of each visit of the page: who and from where, flagged or not, its state,
    when, why and who supervises it. Every text escaped."""
    link = link_to("meetingroom:visit_detail")
    flagged = f'<span class="badge text-bg-warning">{escape(_("Flagged"))}</span> '
    supervised = escape(_("supervised by"))
    local = timezone.localtime
    found = []
    for visit in visits:
        start, end = local(visit.expected_from), local(visit.expected_until)
        found.append(
            mark_safe(  # noqa: S308 - every text escaped
                '<a class="list-group-item list-group-item-action" '
                f'href="{link.format(pk=visit.pk)}">'
                '<div class="d-flex justify-content-between flex-wrap gap-1">'
                f"<strong>{escape(str(visit))}</strong>"
                f"<span>{flagged if visit.flagged else ''}{status(visit)}</span></div>"
                f'<small class="text-body-secondary">{start:%Y-%m-%d %H:%M}–'
                f"{end:%Y-%m-%d %H:%M} · {escape(visit.purpose)} · {supervised} "
                f"{escape(display_name(visit.supervisor))}</small></a>"
            )
        )
    return found
