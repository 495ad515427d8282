"""View guards: every view declares who may see it."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from onsite.permissions import may


def allowed(action):
    """Signed-in users for whom ``may(user, action)`` holds; others get 403."""

    def decorate(view):
        @login_required
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if not may(request.user, action):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return guarded

    return decorate


def signed_in(view):
    """Any signed-in user; what they see is scoped inside the view."""
    return login_required(view)
