"""Request-wide helpers: the client's address (one way everywhere), refusing NUL
characters and implausible dates, security headers, the interface language."""

import ipaddress
from contextvars import ContextVar

from django.conf import settings
from django.db import DataError
from django.http import HttpResponseBadRequest
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from onsite import dates

_current_ip = ContextVar("onsite_current_ip", default=None)


def current_ip():
    """The IP of the request being served, or None outside a request (Celery, shell)."""
    return _current_ip.get()


def client_ip(request):
    """The client's address, read one way everywhere (audit, lock-out, signatures).

    Behind ``ONSITE_PROXY_COUNT`` trusted reverse proxies (env ``AXES_PROXY_COUNT``), each
    appending the address it saw to ``X-Forwarded-For``, the client is the entry that many
    places from the end (``REMOTE_ADDR`` being the nearest proxy). A forged header can only
    add entries in front, which are never read.
    """
    remote = request.META.get("REMOTE_ADDR")
    count = getattr(settings, "ONSITE_PROXY_COUNT", 0)
    if not count:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    chain = [part.strip() for part in forwarded.split(",") if part.strip()] + [remote]
    if len(chain) <= count:
        return remote
    candidate = chain[-count - 1]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def _refusal(querydict):
    """Why a query string or form is refused before any view runs, or None."""
    for key, values in querydict.lists():
        if "\x00" in key or any("\x00" in value for value in values):
            return _("A NUL character is not allowed in what you send.")
        if any(dates.implausible_value(key, value) for value in values):
            return dates.range_message()
    return None


class RefuseNulMiddleware:
    """A NUL character or an implausible date in a query string or form field is refused
    with a 400 page saying why.

    PostgreSQL cannot store NUL in text, and no person means the year 9999 or 0001; such
    values would only cost work (a leave over centuries of days) or overflow a date.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reason = _refusal(request.GET)
        if reason is None and request.method == "POST":
            reason = _refusal(request.POST)
        if reason:
            return _bad_request(request, reason)
        return self.get_response(request)

    def process_exception(self, request, exception):
        """A number the database cannot hold (an id past 2⁶³ in a choice: SQLite's
        OverflowError, PostgreSQL's DataError) is the request's fault: 400, not 500."""
        if isinstance(exception, OverflowError | DataError):
            return _bad_request(request, _("A number you sent is too large."))
        return None


def _bad_request(request, reason):
    return HttpResponseBadRequest(render_to_string("400.html", {"reason": reason}, request=request))


class SecurityHeadersMiddleware:
    """Headers Django's ``SecurityMiddleware`` does not set, on every response (static files
    and error pages too): ``Permissions-Policy`` (``ONSITE_PERMISSIONS_POLICY``) turns off
    the browser features no page uses; only geolocation stays, for the check-in's geofence.
    ``Referrer-Policy`` and ``X-Content-Type-Options: nosniff`` come from Django's settings.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.ONSITE_PERMISSIONS_POLICY)
        return response


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_ip.set(client_ip(request))
        try:
            return self.get_response(request)
        finally:
            _current_ip.reset(token)


class LanguageMiddleware:
    """Simplified Chinese unless the person chose otherwise.

    The choice is the language cookie (set by the switch), else the signed-in person's
    profile; the browser's Accept-Language is ignored, so a Chinese intranet portal
    stays Chinese on an English-configured machine until someone switches.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.utils import translation
        from django.utils.cache import patch_vary_headers

        available = dict(settings.LANGUAGES)
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in available:
            profile = getattr(getattr(request, "user", None), "profile", None)
            language = getattr(profile, "language", None)
        if language not in available:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response
