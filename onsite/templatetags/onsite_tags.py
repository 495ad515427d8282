from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext

from onsite import audit
from onsite.filter_rows import row_html
from onsite.names import display_name as _display_name
from onsite.workflow import WORKFLOWS, workflows_of

register = template.Library()


@register.simple_tag
def filter_row(form, template=None):
    """``{% filter_row filters.form %}``: a list's filter row, laid out by crispy (or by
    ``template``, given the form as ``form``), made once per what it shows
    (``onsite.filter_rows``)."""
    return row_html(form, template)


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


_BADGE = '<span class="badge status-{}" data-testid="status">{}</span>'


@register.simple_tag
def status(obj):
    """``{% status loan %}``: the object's status as a badge coloured by its meaning (made
    here, not by a template per row: a list shows one per row)."""
    flows = workflows_of(type(obj))
    if not flows:
        return format_html(_BADGE, "neutral", "")
    flow = flows[0]
    state = getattr(obj, flow.field)
    return format_html(_BADGE, flow.tone(state), flow.state_label(state))


_AGO = (
    (86400, "day"),
    (3600, "hour"),
    (60, "minute"),
)


@register.filter
def ago(moment, now=None):
    """``{{ note.created_at|ago }}``: "5 分钟前", "2 小时前", "3 天前" ("刚刚" under a
    minute; "2 天后" for a moment still to come). A date counts from its local midnight."""
    from onsite.waiting import Waiting

    if not moment:
        return ""
    moment = Waiting("", "", moment, "").moment
    seconds = int(((now or timezone.now()) - moment).total_seconds())
    future, seconds = seconds < 0, abs(seconds)
    for size, unit in _AGO:
        if seconds >= size:
            return _ago_text(unit, seconds // size, future)
    return gettext("just now")


def _ago_text(unit, count, future):
    texts = {
        ("day", False): ngettext("%(count)d day ago", "%(count)d days ago", count),
        ("hour", False): ngettext("%(count)d hour ago", "%(count)d hours ago", count),
        ("minute", False): ngettext("%(count)d minute ago", "%(count)d minutes ago", count),
        ("day", True): ngettext("in %(count)d day", "in %(count)d days", count),
        ("hour", True): ngettext("in %(count)d hour", "in %(count)d hours", count),
        ("minute", True): ngettext("in %(count)d minute", "in %(count)d minutes", count),
    }
    return texts[(unit, future)] % {"count": count}
