"""Menu entries of the archive."""

from django.utils.translation import gettext_lazy as _

import archive.waiting  # noqa: F401  (registers its "Waiting for me" providers)
from onsite.navigation import NavItem, add

add(NavItem(_("Archive"), "archive:item_list", "archive", order=50))
