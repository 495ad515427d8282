"""Template helpers of the archive."""

from django import template
from django.utils.translation import gettext as _

from onsite.permissions import may

register = template.Library()


@register.simple_tag(takes_context=True)
def archive_manager(context):
    """Does the signed-in person keep or lead a collection (sees the queues)?"""
    request = context.get("request")
    return bool(request and may(request.user, "archive.manage"))


@register.simple_tag(takes_context=True)
def item_label(context, item):
    """The item's reference and title, or the reference alone when the person can no longer
    see the item (a borrower whose grant was lowered or whose item was reclassified upward
    keeps their loan record, not the title)."""
    from archive.permissions import sees_item

    user = context["request"].user
    if sees_item(user, item):
        return f"{item.reference} {item.title}"
    return _("%(reference)s (title withheld: no longer within your access)") % {
        "reference": item.reference
    }
