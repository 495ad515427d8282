"""Template helpers of the archive."""

from django import template

from onsite.permissions import may

register = template.Library()


@register.simple_tag(takes_context=True)
def archive_manager(context):
    """Does the signed-in person keep or lead a collection (sees the queues)?"""
    request = context.get("request")
    return bool(request and may(request.user, "archive.manage"))


@register.filter
def action_label(action):
    """``archive.loan.approve`` → 批准借阅 (falls back to the code for others' actions)."""
    from archive.history import ACTION_LABELS

    return ACTION_LABELS.get(action, action)


@register.filter
def state_label(state):
    """A stored state value as its label (any archive workflow)."""
    from archive.history import STATE_LABELS

    return STATE_LABELS.get(state, state)
