from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingroomConfig(AppConfig):
    name = "meetingroom"
    verbose_name = _("Meetings and control rooms")
