"""A person's derived month (or day: ``duties.expected.days_on``), remembered by the process
between requests while neither their attendance facts nor the sites' have changed (the stamps
of ``models/stamps.py``).

A month page derives 25 people × 30 days from six tables on every request; most requests
find nothing changed since the last. The key of a remembered month holds everything the
derivation reads besides the facts: the person's stamp and the sites' stamp (read with the
page's own query of its people, ``stamped``), the month, today's date (a day turns from
upcoming to absent at midnight), the time zone, and what the caller names (the language of
a grid's titles, the hours of a compensatory day). Nothing is remembered for a person or a
company without a stamp yet. Exports never use this: they derive from the facts.
"""

import threading

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from attendance.models import FactStamp
from attendance.models.stamps import SITE_FACTS

# Remembered months per process at most, then all forgotten at once: a 500-person company's
# month on both pages is 1,000; a grid's month is ~4 KB of text, so at most ~20 MB a process.
LIMIT = 5_000
_months = {}
_lock = threading.Lock()


def stamped(people):
    """``people`` (a queryset of users) with ``facts_stamp`` and ``sites_stamp`` read in the
    same query (two scalar subqueries)."""
    own = FactStamp.objects.filter(person_id=OuterRef("pk")).values("stamp")
    sites = FactStamp.objects.filter(person_id=SITE_FACTS).values("stamp")
    return people.annotate(facts_stamp=Subquery(own), sites_stamp=Subquery(sites))


def remembered(what, people, year, month, make):
    """[value of each person's month] of ``people`` (from ``stamped``), in order. ``make``
    makes the values of the people not remembered (``make(people) -> [value]``, in their
    order); ``what`` names the kind of value and what else it depends on. Values are shared
    between requests: make them immutable (strings, tuples)."""
    context = (what, year, month, timezone.localdate(), timezone.get_current_timezone_name())
    found, keys, missing = {}, {}, []
    for person in people:
        own, sites = getattr(person, "facts_stamp", None), getattr(person, "sites_stamp", None)
        key = None if own is None or sites is None else (person.pk, own, sites, context)
        value = _months.get(key) if key else None
        if value is None:
            missing.append(person)
            keys[person.pk] = key
        else:
            found[person.pk] = value
    if missing:
        made = make(missing)
        with _lock:
            if len(_months) + len(missing) > LIMIT:
                _months.clear()
            for person, value in zip(missing, made, strict=True):
                found[person.pk] = value
                if keys[person.pk] is not None:
                    _months[keys[person.pk]] = value
    return [found[person.pk] for person in people]


def forget():
    """Forget every remembered month (tests; nothing else needs to)."""
    with _lock:
        _months.clear()
