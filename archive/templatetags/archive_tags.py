"""Template helpers of the archive."""

from django import template

from onsite.permissions import may

register = template.Library()


@register.simple_tag(takes_context=True)
def archive_manager(context):
    """Does the signed-in person keep or lead a collection (sees the queues)?"""
    request = context.get("request")
    return bool(request and may(request.user, "archive.manage"))


@register.simple_tag(takes_context=True)
def item_label(context, item):
    """``{% item_label loan.item %}``: ``archive.permissions.item_label`` for the person
    signed in."""
    from archive.permissions import item_label as label

    return label(context["request"].user, item)
