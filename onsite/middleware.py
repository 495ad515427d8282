"""Keeps the client IP of the current request for the audit trail."""

from contextvars import ContextVar

_current_ip = ContextVar("onsite_current_ip", default=None)


def current_ip():
    """The IP of the request being served, or None outside a request (Celery, shell)."""
    return _current_ip.get()


def client_ip(request):
    # Behind a trusted proxy set AXES_PROXY_COUNT; django-axes resolves the real address.
    return getattr(request, "axes_ip_address", None) or request.META.get("REMOTE_ADDR")


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
