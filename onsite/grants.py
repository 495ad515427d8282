"""A person's scope grants of today, read in ONE query per request.

Each scope kind (departments supervised, venues managed or led, sites assigned today, an
app's collections kept or deputies standing in today…) registers a source: a function
``fn(user, day)`` returning a queryset of the granted ids as one column. The first time a
request asks for any grant of the day, every source is read at once (a ``UNION ALL`` of the
sources, each marked with its number), and the answers are kept on the user object — that
is, for this request only. Nothing outlives the request: a grant taken away in the database
is gone on the very next request (``tests/test_revocation.py``).

    @grants.source("archive.kept_collections")
    def _kept(user, day):
        return Collection.custodians.through.objects.filter(user=user).values_list(
            "collection_id"
        )

    grants.ids(user, "archive.kept_collections")  # a frozenset of ids
"""

from django.db.models import IntegerField, Value

from onsite import dates

_SOURCES = {}
_ATTRIBUTE = "_onsite_grants"


def source(name):
    """Register ``fn(user, day) -> queryset of one id column`` as the grant ``name``."""

    def decorate(fn):
        _SOURCES[name] = fn
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
        known[day] = _read_all(user, day)
    return known[day].get(name, frozenset())


def forget(user):
    """Drop what this request read (after a change of the user's own grants)."""
    setattr(user, _ATTRIBUTE, None)


def _read_all(user, day):
    names = sorted(_SOURCES)
    parts = [_marked(_SOURCES[name](user, day), number) for number, name in enumerate(names)]
    found = {name: set() for name in names}
    if parts:
        query = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
        for number, value in query:
            found[names[number]].add(value)
    return {name: frozenset(values) for name, values in found.items()}


def _marked(queryset, number):
    """``queryset`` (one column of ids) as rows ``(number, id)``, unordered."""
    column = queryset.query.values_select[0]
    return (
        queryset.order_by()
        .annotate(_grant=Value(number, IntegerField()))
        .values_list("_grant", column)
    )
