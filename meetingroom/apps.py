from django.utils.translation import gettext_lazy as _

from onsite import plugins


class MeetingroomConfig(plugins.PortalApp):
    name = "meetingroom"
    verbose_name = _("Meetings and control rooms")
    url_prefix = "meetings/"
