"""Menu entries of the core."""

from django.utils.translation import gettext_lazy as _

from onsite.navigation import NavItem, add

add(
    NavItem(_("Home"), "onsite:home", "house", order=10),
    NavItem(_("Notifications"), "onsite:notification_list", "bell", order=20),
    NavItem(_("Staff"), "onsite:staff_list", "people", rule="onsite.list_staff", order=30),
    NavItem(_("Venues"), "onsite:venue_list", "door-closed", rule="onsite.list_venues", order=35),
    NavItem(_("Administration"), "admin:index", "gear", rule="onsite.admin", order=900),
)
