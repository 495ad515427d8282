from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = _("Confidential A/V archive")

    def ready(self):
        from archive import permissions  # noqa: F401 - registers rules and scopes
