"""Settings for bench/scope_queries.py only: OnSite (django-guardian included) on a fresh SQLite."""

import os
import tempfile

from onsite.settings import *  # noqa: F403

if not os.environ.get("DATABASE_URL"):
    DATABASES = {  # noqa: F811
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.path.join(tempfile.mkdtemp(), "bench.sqlite3"),
        }
    }
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
