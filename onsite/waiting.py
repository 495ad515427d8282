"""What waits for a person across the portal: the home page's "Waiting for me" list.

Each app registers providers from its ``menu.py``::

    @waiting.provider
    def loans_to_decide(user, now):
        rows = visible(user, Loan).filter(status="requested")  # ONE query, whatever the count
        return [Waiting(str(loan), loan.get_absolute_url(), loan.requested_at, _("Decide"))
                for loan in rows]

A provider returns the items waiting for ``user`` at ``now`` (its own decisions, hand-overs,
things to sign, overdue work) in one query, never one per item; it returns nothing quickly
for people it does not concern. The home page lists every provider's items, oldest first,
each with how long it has waited and one click to where it is acted upon.
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.utils import timezone

_PROVIDERS = []


@dataclass(frozen=True)
class Waiting:
    """One thing waiting for a person: what, where to act, since when, and the act."""

    title: str
    url: str
    since: object  # an aware datetime, or a date (its start, local time)
    action: str  # the button's label: "Approve", "Sign", "Return"…
    detail: str = ""  # one short line under the title (a person's name, a place)

    @property
    def moment(self):
        """``since`` as an aware datetime (a date counts from its local midnight)."""
        if isinstance(self.since, datetime):
            return self.since
        if isinstance(self.since, date):
            return timezone.make_aware(datetime.combine(self.since, time.min))
        raise TypeError(f"since must be a date or a datetime, not {type(self.since)!r}")


def provider(fn):
    """Register ``fn(user, now) -> iterable of Waiting`` (from an app's ``menu.py``)."""
    if fn not in _PROVIDERS:
        _PROVIDERS.append(fn)
    return fn


def providers():
    return list(_PROVIDERS)


def waiting_for(user, now=None):
    """Every item waiting for ``user``, oldest first."""
    if not user.is_authenticated:
        return []
    now = now or timezone.now()
    found = [item for fn in _PROVIDERS for item in fn(user, now)]
    return sorted(found, key=lambda item: (item.moment, item.title))
