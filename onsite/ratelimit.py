"""Rate limits: log-in attempts per client address, exports per person.

- **Log-in per IP**: besides django-axes (a user name from one address is locked after
  ``AXES_FAILURE_LIMIT`` failures), one address may fail at most ``LOGIN_IP_FAILURES`` times
  in ``LOGIN_IP_WINDOW`` seconds whatever the user names; then log-ins from it answer 429
  until the window ends. Generous, since a client site's staff may share one address.
- **Exports**: a person may queue ``EXPORTS_PER_HOUR`` background exports an hour (counted
  in the database: ``onsite.exports.queue``) and make ``EXPORTS_PER_MINUTE`` files a minute
  on pages that build one while they wait (``@throttled("export")``).

Counters live in the cache (Redis in production), which fails open: with Redis away the
per-IP and per-minute limits lapse, axes and the hourly count (the database) still hold.
A refusal raises ``RateLimited``; ``RateLimitMiddleware`` answers it with a 429 page.
"""

import functools

from django.core.cache import cache
from django.shortcuts import render
from django.utils.translation import gettext as _

from onsite.conf import conf
from onsite.workflow import WorkflowError


class RateLimited(WorkflowError):
    """Too many attempts; ``str(error)`` says what to do."""


def count(key, window):
    """Add one to the counter ``key`` (living ``window`` seconds); its new value, or 0 if
    the cache is away."""
    cache.add(key, 0, window)
    try:
        return cache.incr(key) or 0
    except ValueError:  # expired between add and incr
        return 0


def peek(key):
    return cache.get(key, 0) or 0


def _ip_key(ip):
    return f"onsite:login-failures:{ip}"


def login_ip_blocked(ip):
    return bool(ip) and peek(_ip_key(ip)) >= conf.LOGIN_IP_FAILURES


def login_failed(ip):
    if ip:
        count(_ip_key(ip), conf.LOGIN_IP_WINDOW)


def check_minute(user, scope):
    """Raise ``RateLimited`` past ``EXPORTS_PER_MINUTE`` calls of ``scope`` by ``user``."""
    if count(f"onsite:{scope}:{user.pk}", 60) > conf.EXPORTS_PER_MINUTE:
        raise RateLimited(_("Too many exports at once. Wait a minute and try again."))


def throttled(scope):
    """A view decorator: ``check_minute(request.user, scope)`` before the view runs."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.user.is_authenticated:
                check_minute(request.user, scope)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


class RateLimitMiddleware:
    """Answers ``RateLimited`` (raised by any view or service) with a 429 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, RateLimited):
            return render(request, "429.html", {"reason": str(exception)}, status=429)
        return None
