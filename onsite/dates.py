"""Dates, one way everywhere: the local "today" and the range of dates worth any work.

``today(now)`` is the company's calendar day (``TIME_ZONE``) of an aware moment — never
``now.date()``, which is the UTC day and is a day behind in Shanghai between 00:00 and
08:00. Periodic jobs take ``now`` and call ``today(now)``; pages call ``today()``.

No person means a date before ``EARLIEST`` or after ``LATEST``: such a value in a query
string or a form is refused before any view runs (``onsite.middleware.RefuseNulMiddleware``
and ``refusal``), so no view ever loops over centuries of days or overflows a date.
"""

import re
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

EARLIEST = date(1900, 1, 1)
LATEST = date(2199, 12, 31)

# A whole value that is a month, a day or a moment, as forms and ``?month=`` accept them:
# 2026-05, 2026-05-01, 2026/5/1, 2026年5月1日, 2026-05-01T09:30, 2026-05-01 09:30:00.
_DATE_LIKE = re.compile(
    r"^\s*(?P<year>\d{4,})\s*[-/.年]\s*\d{1,2}\s*月?"
    r"(?:\s*[-/.]?\s*\d{1,2}\s*日?)?"
    r"(?:[T\s]+\d{1,2}:\d{1,2}(?::\d{1,2}(?:\.\d+)?)?)?\s*$"
)
_YEAR_KEYS = {"year"}


def today(now=None):
    """The local calendar day of ``now`` (default: this moment)."""
    return timezone.localdate(now)


def plausible(day):
    """True if ``day`` (a date or datetime) lies between ``EARLIEST`` and ``LATEST``."""
    if hasattr(day, "date"):
        day = day.date()
    return EARLIEST <= day <= LATEST


def implausible_value(key, value):
    """True if a submitted value names a year outside the sane range (or a ``year=``)."""
    if len(value) > 40:
        return False
    match = _DATE_LIKE.match(value)
    if match:
        year = int(match.group("year"))
    elif key in _YEAR_KEYS and value.strip().isdigit():
        year = int(value)
    else:
        return False
    return not EARLIEST.year <= year <= LATEST.year


def range_message():
    return _("Dates must lie between %(first)s and %(last)s.") % {
        "first": EARLIEST.isoformat(),
        "last": LATEST.isoformat(),
    }
