"""How an app plugs into the core without the core naming it.

Every app's ``AppConfig`` subclasses ``plugins.PortalApp`` (imported as the module, so
Django still finds one config class in the app's ``apps.py``). At start-up ``ready()`` imports the
app's plug-in modules that exist, in this order:

- ``permissions``  rules and scopes (``onsite.permissions.rule`` / ``scope``)
- ``services``     the functions implementing its workflows' transitions
- ``reminders``    reminder kinds (``onsite.reminding.register``)
- ``exports``      background export builders (``onsite.exports.builder``)
- ``receivers``    signal receivers
- ``menu``         navigation entries (``onsite.navigation.add``)

``url_prefix`` mounts ``<app>.urls`` in the project's URLs; ``<app>.demo.load(demo)``
adds the app's demo data (in ``INSTALLED_APPS`` order). A new app touches no core file.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import AppConfig, apps

PLUGIN_MODULES = ("permissions", "services", "reminders", "exports", "receivers", "menu")


class PortalApp(AppConfig):
    """Base of every app of the portal (see the module docstring)."""

    url_prefix = None  # e.g. "attendance/"; None: the app has no pages

    def ready(self):
        for name in PLUGIN_MODULES:
            self.import_part(name)

    def import_part(self, name):
        """Import ``<app>.<name>`` if the app has it; returns the module or None."""
        dotted = f"{self.name}.{name}"
        return import_module(dotted) if find_spec(dotted) else None


def portal_apps():
    """The installed apps of the portal, core first, in ``INSTALLED_APPS`` order."""
    return [config for config in apps.get_app_configs() if isinstance(config, PortalApp)]
