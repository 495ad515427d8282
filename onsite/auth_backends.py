"""Log in with the user name or the employee number."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from onsite.models import StaffProfile


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


class UsernameOrEmployeeNumberBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        return super().authenticate(
            request, username=resolve_username(username), password=password, **kwargs
        )
