from django.utils.translation import gettext_lazy as _

from onsite import plugins


class OnsiteConfig(plugins.PortalApp):
    name = "onsite"
    verbose_name = _("Organisation")

    def ready(self):
        super().ready()
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_migrate

        from onsite import gc_freeze
        from onsite.sessions import renewed_at_sign_in
        from onsite.signals import grant_admin_permissions

        post_migrate.connect(grant_admin_permissions, dispatch_uid="onsite_admin_permissions")
        user_logged_in.connect(renewed_at_sign_in, dispatch_uid="onsite_session_renewed")
        gc_freeze.install()
