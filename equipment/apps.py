from django.utils.translation import gettext_lazy as _

from onsite import plugins


class EquipmentConfig(plugins.PortalApp):
    name = "equipment"
    verbose_name = _("Equipment and maintenance")
    url_prefix = "equipment/"
