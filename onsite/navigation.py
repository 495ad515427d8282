"""The navigation menu: one table of entries, each shown to the roles that may use it."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from onsite.choices import Role
from onsite.permissions import roles


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    icon: str
    roles: frozenset  # empty: every signed-in user


NAV_ITEMS = [
    NavItem(_("Home"), "onsite:home", "house", frozenset()),
    NavItem(_("Notifications"), "onsite:notification_list", "bell", frozenset()),
    NavItem(
        _("Staff"),
        "onsite:staff_list",
        "people",
        frozenset({Role.SUPERVISOR, Role.HR, Role.VP, Role.ADMIN}),
    ),
    NavItem(_("Administration"), "admin:index", "gear", frozenset({Role.ADMIN})),
    NavItem(_("Archive"), "archive:item_list", "archive", frozenset()),
]


# Attendance (the attendance app's entries).
NAV_ITEMS += [
    NavItem(_("Attendance"), "attendance:today", "clock", frozenset()),
    NavItem(
        _("Approvals"), "attendance:queue", "check2-square", frozenset({Role.SUPERVISOR, Role.HR})
    ),
    NavItem(
        _("Monthly summary"),
        "attendance:summary",
        "table",
        frozenset({Role.SUPERVISOR, Role.HR, Role.VP, Role.ADMIN}),
    ),
]


def items_for(user):
    held = roles(user)
    return [
        {
            "label": item.label,
            "url": reverse(item.url_name),
            "icon": item.icon,
            "name": item.url_name,
        }
        for item in NAV_ITEMS
        if not item.roles or held & {str(r) for r in item.roles}
    ]
