from django import template

from onsite.permissions import may

register = template.Library()


@register.simple_tag(takes_context=True)
def may_lead_equipment(context):
    """``{% may_lead_equipment as may_lead %}``: plans, imports and compliance are offered."""
    return may(context["request"].user, "equipment.lead")
