"""WSGI entry point (gunicorn onsite.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onsite.settings")
application = get_wsgi_application()
