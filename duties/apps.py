from django.utils.translation import gettext_lazy as _

from onsite import plugins


class DutiesConfig(plugins.PortalApp):
    name = "duties"
    verbose_name = _("Staff duties")
    url_prefix = "duties/"
