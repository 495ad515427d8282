from django.utils.translation import gettext_lazy as _

from onsite import plugins


class ArchiveConfig(plugins.PortalApp):
    name = "archive"
    verbose_name = _("Confidential A/V archive")
    url_prefix = "archive/"
