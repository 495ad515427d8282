from django.utils.translation import gettext_lazy as _

from onsite import plugins


class AttendanceConfig(plugins.PortalApp):
    name = "attendance"
    verbose_name = _("Attendance")
    url_prefix = "attendance/"
