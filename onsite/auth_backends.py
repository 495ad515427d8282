"""Log in with the user name or the employee number; each request's user in one query."""

import functools

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Aggregate, CharField, OuterRef, Subquery

from onsite.choices import Role
from onsite.counting import count_of
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


class _Names(Aggregate):
    """The names of a group of rows joined by commas (GROUP_CONCAT, STRING_AGG)."""

    function = "GROUP_CONCAT"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra):
        return super().as_sql(
            compiler,
            connection,
            function="STRING_AGG",
            template="%(function)s(%(expressions)s, ',')",
            **extra,
        )


def _roles():
    """The role groups a person holds, as one comma-joined text (role names have none)."""
    held = (
        get_user_model()
        .groups.through.objects.filter(user_id=OuterRef("pk"), group__name__in=Role.values)
        .order_by()
        .values("user_id")
        .annotate(names=_Names("group__name"))
        .values("names")
    )
    return Subquery(held, output_field=CharField())


def _unread():
    return count_of(
        Notification.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True), "recipient"
    )


@functools.cache
def signed_in_users():
    """Users with what every page needs read in the same query: the profile, the roles held
    (``_role_names``) and the number of unread notifications (``_unread_count``).

    Built once (annotating costs more than running the query); each request filters a
    clone, so the template itself is never evaluated.
    """
    return (
        get_user_model()
        ._default_manager.select_related("profile")
        .annotate(_role_names=_roles(), _unread_count=_unread())
    )


def remember(user):
    """Keep the annotations of ``signed_in_users`` where ``permissions.roles`` and
    ``notifications.unread_count`` look for them (for this request only)."""
    held = set(filter(None, (user._role_names or "").split(",")))
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
