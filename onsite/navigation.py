"""The navigation menu: entries registered by the apps (their ``menu.py``).

An entry is shown to whoever its permission rule allows (every signed-in person if it
names none), in the order of ``order``.
"""

from dataclasses import dataclass

from django.urls import reverse

from onsite.permissions import may

_ITEMS = []


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    icon: str
    rule: str = ""  # empty: every signed-in user
    order: int = 100


def add(*items):
    """Register menu entries (called from each app's ``menu.py``)."""
    _ITEMS.extend(items)
    _ITEMS.sort(key=lambda item: item.order)


def items_for(user):
    return [
        {
            "label": item.label,
            "url": reverse(item.url_name),
            "icon": item.icon,
            "name": item.url_name,
        }
        for item in _ITEMS
        if not item.rule or may(user, item.rule)
    ]
