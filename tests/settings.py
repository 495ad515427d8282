"""Test settings: the project's settings plus a throw-away app (``tests/throwaway``) that
shows a new app plugs in without touching a core file."""

from onsite.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.throwaway"]  # noqa: F405
