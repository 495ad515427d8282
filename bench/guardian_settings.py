"""Settings for bench/scope_queries.py only: OnSite plus django-guardian, on a fresh SQLite."""

import os
import tempfile

from onsite.settings import *  # noqa: F403
from onsite.settings import AUTHENTICATION_BACKENDS, INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "guardian"]
AUTHENTICATION_BACKENDS = [*AUTHENTICATION_BACKENDS, "guardian.backends.ObjectPermissionBackend"]
GUARDIAN_ANONYMOUS_USER_NAME = None
if not os.environ.get("DATABASE_URL"):
    DATABASES = {  # noqa: F811
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.path.join(tempfile.mkdtemp(), "bench.sqlite3"),
        }
    }
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
