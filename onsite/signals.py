"""Keep the administrator group's model permissions complete after every migrate."""

from django.contrib.auth.models import Group, Permission

from onsite.choices import Role
from onsite.plugins import portal_apps

ADMIN_AUTH_MODELS = ("user", "group")


def grant_admin_permissions(sender, **kwargs):
    group = Group.objects.filter(name=Role.ADMIN).first()
    if group is None:
        return
    labels = [config.label for config in portal_apps()]
    perms = Permission.objects.filter(
        content_type__app_label__in=labels
    ) | Permission.objects.filter(
        content_type__app_label="auth", content_type__model__in=ADMIN_AUTH_MODELS
    )
    group.permissions.add(*perms)
