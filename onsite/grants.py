"""A person's scope grants of a day, read in ONE query per request.

Each scope kind (departments supervised, venues managed or led, sites assigned, an app's
collections kept, a deputy standing in…) registers a source: ``fn(user_id, day)`` returning
a queryset of the granted ids as one column, a plain query of the person's id and the day
(no Python branch on either: the statement is compiled once per process, see below). The
first time a request asks for any grant of a day, every source is read at once (a ``UNION
ALL``, each part marked with its number) and the answers are kept on the user object — for
this request only. Nothing outlives the request: a grant taken away in the database is gone
on the very next request (``tests/test_revocation.py``).

    @grants.source("archive.kept_collections")
    def _kept(user_id, day):
        return Collection.custodians.through.objects.filter(user_id=user_id).values_list(
            "collection_id"
        )

    grants.ids(user, "archive.kept_collections")  # a frozenset of ids

Building and compiling eight querysets costs more than running them, so the statement is
compiled once (for a placeholder person and day) and run with each request's values.
"""

from datetime import date

from django.db import connection
from django.db.models import IntegerField, Value

from onsite import dates

_SOURCES = {}
_ATTRIBUTE = "_onsite_grants"
_COMPILED = {}
# Placeholders no real person or day can be: their parameters are replaced at each run.
_SOMEONE = -7_000_000_001
_SOMEDAY = date(1901, 2, 3)


def source(name):
    """Register ``fn(user_id, day) -> queryset of one id column`` as the grant ``name``."""

    def decorate(fn):
        _SOURCES[name] = fn
        _COMPILED.clear()
        return fn

    return decorate


def ids(user, name, day=None):
    """The ids the user is granted under ``name`` on ``day`` (default today, local)."""
    if not user.is_authenticated:
        return frozenset()
    day = day or dates.today()
    known = getattr(user, _ATTRIBUTE, None)
    if known is None:
        known = {}
        setattr(user, _ATTRIBUTE, known)  # on the user itself, also through a lazy request.user
    if day not in known:
        known[day] = _read_all(user.pk, day)
    return known[day].get(name, frozenset())


def forget(user):
    """Drop what this request read (after a change of the user's own grants)."""
    setattr(user, _ATTRIBUTE, None)


def _read_all(user_id, day):
    names, sql, slots = _compiled()
    found = {name: set() for name in names}
    if sql:
        with connection.cursor() as cursor:
            cursor.execute(sql, [slot(user_id, day) for slot in slots])
            for number, value in cursor.fetchall():
                found[names[number]].add(value)
    return {name: frozenset(values) for name, values in found.items()}


def _compiled():
    """(source names, SQL, parameter makers) of the union, compiled once per database."""
    key = (connection.alias, connection.vendor)
    if key not in _COMPILED:
        names = sorted(_SOURCES)
        parts = [_marked(_SOURCES[name](_SOMEONE, _SOMEDAY), n) for n, name in enumerate(names)]
        if not parts:
            _COMPILED[key] = (names, "", [])
        else:
            union = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
            sql, params = union.query.sql_with_params()
            _COMPILED[key] = (names, sql, _slots(params, len(names)))
    return _COMPILED[key]


def _slots(params, sources):
    """A maker of each parameter: the person's id, the day (as the backend wrote it), or a
    constant. Every source must name the person, or the statement is not what it seems."""
    slots, persons = [], 0
    for param in params:
        if param == _SOMEONE:
            slots.append(lambda user_id, day: user_id)
            persons += 1
        elif param == _SOMEDAY:
            slots.append(lambda user_id, day: day)
        elif param == _SOMEDAY.isoformat():
            slots.append(lambda user_id, day: day.isoformat())
        else:
            slots.append(lambda user_id, day, constant=param: constant)
    if persons < sources:
        raise ValueError("Every grant source must filter on the person's id.")
    return slots


def _marked(queryset, number):
    """``queryset`` (one column of ids) as rows ``(number, id)``, unordered."""
    column = queryset.query.values_select[0]
    return (
        queryset.order_by()
        .annotate(_grant=Value(number, IntegerField()))
        .values_list("_grant", column)
    )
