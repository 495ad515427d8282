from django import template

from onsite.names import display_name as _display_name

register = template.Library()


@register.filter
def display_name(user):
    """``{{ user|display_name }}``: 张伟, or "Wei Zhang", or the user name."""
    return _display_name(user)
