"""Menu entries and the home page's panel of the duties app."""

from django.utils.translation import gettext_lazy as _

import duties.waiting  # noqa: F401  (registers its "Waiting for me" providers)
from duties import todo
from onsite.home import panel
from onsite.navigation import NavItem, add

add(
    NavItem(_("Duties"), "duties:overview", "clipboard-check", order=40),
    NavItem(_("Documents"), "duties:document_list", "file-earmark-text", order=41),
)


@panel("duties/home_panel.html", order=20)
def duties_panel(request):
    """The duties of the person's post at today's site, and what is waiting for them."""
    found = todo.for_person(request.user)
    return found if found["duties"] or found["sites"] or found["waiting"] else None
