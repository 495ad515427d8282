"""Validated settings of an app: each app reads its options through its own ``conf.py``.

An app declares its options once, with defaults and checks::

    conf = AppSettings(
        "ARCHIVE",
        MAX_LOAN_DAYS=Setting(30, positive_int, "longest loan in days"),
    )

and reads ``conf.MAX_LOAN_DAYS`` (Django setting ``ARCHIVE_MAX_LOAN_DAYS``). Values are read
when asked (tests may override settings); a bad value raises ``ImproperlyConfigured``, and
``manage.py check`` reports every bad value of every app at start-up.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured

_ALL = []


@dataclass(frozen=True)
class Setting:
    default: object
    check: object = None  # callable(value) -> value, raising ValueError/TypeError if bad
    doc: str = ""


class AppSettings:
    """The options of one app, read from Django settings ``<PREFIX>_<NAME>``."""

    def __init__(self, prefix, **options):
        self._prefix = prefix
        self._options = options
        _ALL.append(self)

    def __getattr__(self, name):
        options = self.__dict__.get("_options", {})
        if name not in options:
            raise AttributeError(name)
        spec = options[name]
        key = f"{self._prefix}_{name}"
        value = getattr(settings, key, spec.default)
        if spec.check is None or value is None:
            return value
        try:
            return spec.check(value)
        except (TypeError, ValueError) as exc:
            raise ImproperlyConfigured(f"{key}: {exc}") from None

    def documented(self):
        """(setting name, default, doc) of every option, for READMEs and docstrings."""
        return [(f"{self._prefix}_{n}", s.default, s.doc) for n, s in self._options.items()]


# --- Checks shared by the apps' conf modules ---------------------------------------------
def positive_int(value):
    if isinstance(value, bool) or int(value) != value or value < 1:
        raise ValueError(f"must be a whole number of at least 1, not {value!r}")
    return int(value)


def non_negative_int(value):
    if isinstance(value, bool) or int(value) != value or value < 0:
        raise ValueError(f"must be a whole number of at least 0, not {value!r}")
    return int(value)


def positive_ints(value):
    values = tuple(positive_int(v) for v in value)
    if not values or list(values) != sorted(values):
        raise ValueError(f"must be increasing whole numbers, not {value!r}")
    return values


def labels(value):
    values = list(value)
    if len(values) < 2 or not all(str(v).strip() for v in values):
        raise ValueError("must list at least two non-empty labels")
    return values


def int_by_key(value):
    return {str(k): positive_int(v) for k, v in dict(value).items()}


@register()
def check_app_settings(app_configs=None, **kwargs):
    """Every option of every app is read once at start-up; bad values are reported."""
    errors = []
    for app_settings in _ALL:
        for name in app_settings._options:
            try:
                getattr(app_settings, name)
            except ImproperlyConfigured as exc:
                errors.append(Error(str(exc), id="onsite.E001"))
    return errors


conf = AppSettings(
    "ONSITE",
    PAGE_SIZE=Setting(25, positive_int, "rows per page of every list"),
    EXPORT_KEEP_HOURS=Setting(24 * 7, positive_int, "hours a background export can be downloaded"),
    EXPORT_MAX_ATTEMPTS=Setting(3, positive_int, "tries of a background export before it fails"),
    BROKER_REST_SECONDS=Setting(30, positive_int, "no broker sends this long after one failed"),
    LOGIN_IP_FAILURES=Setting(30, positive_int, "failed log-ins from one address per window"),
    LOGIN_IP_WINDOW=Setting(15 * 60, positive_int, "seconds of the per-address log-in window"),
    EXPORTS_PER_HOUR=Setting(30, positive_int, "background exports one person may queue an hour"),
    EXPORTS_PER_MINUTE=Setting(10, positive_int, "files one person may build a minute on a page"),
    CACHE_REST_SECONDS=Setting(30, positive_int, "no cache calls this long after one failed"),
    SESSION_RENEW_SECONDS=Setting(
        60, positive_int, "a session's idle expiry is renewed (written) at most this often"
    ),
)
