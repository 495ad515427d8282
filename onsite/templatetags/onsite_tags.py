from django import template

from onsite import audit
from onsite.names import display_name as _display_name
from onsite.workflow import WORKFLOWS, workflows_of

register = template.Library()


@register.filter
def display_name(user):
    """``{{ user|display_name }}``: 张伟, or "Wei Zhang", or the user name."""
    return _display_name(user)


@register.filter
def action_label(action):
    """``{{ entry.action|action_label }}``: an audit action as a person reads it."""
    return audit.label(action)


@register.filter
def state_label(state, entry=None):
    """``{{ entry.to_state|state_label:entry }}``: a stored state as its label.

    The entry's object tells which workflow's labels to use; without it every workflow's.
    """
    model = entry.content_type.model_class() if entry and entry.content_type_id else None
    flows = workflows_of(model) if model else WORKFLOWS.values()
    for workflow in flows:
        if state in workflow.labels:
            return workflow.state_label(state)
    return audit.state_label(state)


@register.inclusion_tag("includes/actions.html", takes_context=True)
def actions(context, obj, size=""):
    """``{% actions loan %}``: a button for each transition the person may take now."""
    user = context["request"].user
    found = [action for flow in workflows_of(type(obj)) for action in flow.actions_for(user, obj)]
    return {"actions": found, "size": size}


@register.inclusion_tag("includes/status.html")
def status(obj):
    """``{% status loan %}``: the object's status as a badge coloured by its meaning."""
    flows = workflows_of(type(obj))
    if not flows:
        return {"label": "", "tone": "neutral"}
    flow = flows[0]
    state = getattr(obj, flow.field)
    return {"label": flow.state_label(state), "tone": flow.tone(state)}
