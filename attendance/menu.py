"""Menu entries of attendance."""

from django.utils.translation import gettext_lazy as _

import attendance.waiting  # noqa: F401  (registers its "Waiting for me" providers)
from onsite.navigation import NavItem, add

add(
    NavItem(_("Attendance"), "attendance:today", "clock", order=60),
    NavItem(_("Approvals"), "attendance:queue", "check2-square", "attendance.view_queue", 61),
    NavItem(_("Monthly summary"), "attendance:summary", "table", "attendance.view_team", 62),
)
