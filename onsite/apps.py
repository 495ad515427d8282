from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnsiteConfig(AppConfig):
    name = "onsite"
    verbose_name = _("Organisation")

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        # Each app registers its reminder kinds in <app>/reminders.py.
        autodiscover_modules("reminders")

        from django.db.models.signals import post_migrate

        from onsite.signals import grant_admin_permissions

        post_migrate.connect(grant_admin_permissions, dispatch_uid="onsite_admin_permissions")
