"""Template filters of attendance."""

from django import template

from attendance.choices import ACTION_LABELS

register = template.Library()


@register.filter
def action_label(action):
    """``{{ entry.action|action_label }}``: the audit action as a person reads it."""
    return ACTION_LABELS.get(action, action)
