"""Production settings: HTTPS only, a real SECRET_KEY required, DEBUG refused."""

from django.core.exceptions import ImproperlyConfigured

from onsite.env import env_bool, env_int, env_str
from onsite.settings import *  # noqa: F403

SECRET_KEY = env_str("SECRET_KEY")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure"):
    raise ImproperlyConfigured("Production needs SECRET_KEY: at least 50 random characters.")
if env_bool("DEBUG", False):
    raise ImproperlyConfigured("DEBUG must be off in production.")
DEBUG = False

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^health/$"]  # the load balancer may ask over plain HTTP
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# Administrators, HR, custodians, leaders and managers pass a one-time code after the password.
ONSITE_REQUIRE_OTP = env_bool("ONSITE_REQUIRE_OTP", True)
