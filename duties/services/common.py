"""Small helpers shared by the duties services."""

from django.utils import timezone

from onsite.names import display_name


def name(user):
    return display_name(user)


def local_today(now=None):
    return timezone.localdate(now) if now else timezone.localdate()


def supervisors_of(user):
    """The supervisors of ``user``'s department (a list; empty without a profile)."""
    profile = getattr(user, "profile", None)
    return list(profile.department.supervisors.all()) if profile else []
