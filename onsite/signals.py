"""Keep the administrator group's model permissions complete after every migrate."""

from django.contrib.auth.models import Group, Permission

from onsite.choices import Role

ADMIN_APPS = ("onsite", "archive", "attendance", "meetingroom")
ADMIN_AUTH_MODELS = ("user", "group")


def grant_admin_permissions(sender, **kwargs):
    group = Group.objects.filter(name=Role.ADMIN).first()
    if group is None:
        return
    perms = Permission.objects.filter(
        content_type__app_label__in=ADMIN_APPS
    ) | Permission.objects.filter(
        content_type__app_label="auth", content_type__model__in=ADMIN_AUTH_MODELS
    )
    group.permissions.add(*perms)
