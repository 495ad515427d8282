"""Log in with the user name or the employee number; each request's user in one query."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from onsite.choices import Role
from onsite.models import Notification, StaffProfile


def resolve_username(login):
    """Map an employee number to its user name; anything else is returned unchanged."""
    login = (login or "").strip()
    User = get_user_model()
    if login and not User.objects.filter(username=login).exists():
        username = (
            StaffProfile.objects.filter(employee_no__iexact=login)
            .values_list("user__username", flat=True)
            .first()
        )
        if username:
            return username
    return login


def lockout_username(request, credentials):
    """django-axes key: the same person whether they typed name or number."""
    login = (credentials or {}).get("username") if credentials else None
    if login is None and request is not None:
        login = request.POST.get("username")
    return resolve_username(login)


def _holds(role):
    return Exists(
        Group.objects.filter(user=OuterRef("pk"), name=role).values("pk"),
    )


def _unread():
    counted = (
        Notification.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True)
        .order_by()
        .values("recipient")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def signed_in_users():
    """Users with what every page needs read in the same query: the profile, whether each
    role is held (``_role_<name>``) and the number of unread notifications."""
    roles = {f"_role_{role}": _holds(role) for role in Role.values}
    return (
        get_user_model()
        ._default_manager.select_related("profile")
        .annotate(_unread_count=_unread(), **roles)
    )


def remember(user):
    """Keep the annotations of ``signed_in_users`` where ``permissions.roles`` and
    ``notifications.unread_count`` look for them (for this request only)."""
    held = {role for role in Role.values if getattr(user, f"_role_{role}", False)}
    if user.is_superuser:
        held.add(Role.ADMIN)
    user._onsite_roles = frozenset(held)
    user._onsite_unread = user._unread_count
    return user


class UsernameOrEmployeeNumberBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        return super().authenticate(
            request, username=resolve_username(username), password=password, **kwargs
        )

    def get_user(self, user_id):
        """The signed-in person of a request in ONE query (profile, roles, unread count);
        nobody once deactivated."""
        user = signed_in_users().filter(pk=user_id).first()
        return remember(user) if user is not None and self.user_can_authenticate(user) else None
