"""The admin site opens to the administrator role (not to Django's is_staff flag alone)."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class OnsiteAdminSite(admin.AdminSite):
    def has_permission(self, request):
        from onsite.choices import Role
        from onsite.permissions import has_role  # needs the app registry, so not at import

        return request.user.is_active and has_role(request.user, Role.ADMIN)


class OnsiteAdminConfig(AdminConfig):
    default_site = "onsite.admin_site.OnsiteAdminSite"
