"""Template helpers of the archive."""

from django import template

from onsite.permissions import may

register = template.Library()


@register.simple_tag(takes_context=True)
def archive_manager(context):
    """Does the signed-in person keep or lead a collection (sees the queues)?"""
    request = context.get("request")
    return bool(request and may(request.user, "archive.manage"))
