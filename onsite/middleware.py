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
