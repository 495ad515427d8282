"""One reminder mechanism for every app.

An app registers a kind with a ``find_due(now)`` function that yields ``Due`` items
from the database. ``run_scan(kind_name, now)`` notifies each due item once per
period: a unique SentReminder row, written in the same transaction as the
notification, makes a second (or concurrent) scan skip what was already sent. A scan
costs the same few queries whether one reminder is due or five hundred.
"""

import logging
import uuid
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from onsite.models import SentReminder
from onsite.notifications import notify_many

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Due:
    """One reminder to send: about ``obj``, once per ``period``, to ``recipients``."""

    obj: object
    period: str
    recipients: list
    title: str
    body: str = ""
    url: str = ""
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ReminderKind:
    name: str
    find_due: object  # callable(now) -> iterable of Due
    every_seconds: int = 3600
    label: str = ""


_KINDS = {}


def register(name, every_seconds=3600, label=""):
    """Decorator registering ``find_due(now)`` as a reminder kind."""

    def decorate(find_due):
        _KINDS[name] = ReminderKind(name, find_due, every_seconds, label)
        return find_due

    return decorate


def all_kinds():
    return list(_KINDS.values())


def get_kind(name):
    try:
        return _KINDS[name]
    except KeyError:
        raise LookupError(_("Unknown reminder kind: %s") % name) from None


def run_scan(name, now):
    """Send every due reminder of one kind that was not sent yet; returns how many.

    In a fixed number of queries whatever the number due: the kind's ``find_due``, one
    insert of every SentReminder row (conflicts ignored: ``ON CONFLICT DO NOTHING`` on
    PostgreSQL, ``INSERT OR IGNORE`` on SQLite), one read of the rows this scan's token
    marks (those it inserted, not an earlier or a concurrent scan's), one mute check and one
    insert of every notification, all in one transaction. A concurrent scan's insert waits
    for this one's commit on the unique key and then inserts nothing, so each reminder is
    sent exactly once; rows go in key order so two scans never wait on each other crosswise.
    """
    kind = get_kind(name)
    dues = _by_key(kind.find_due(now))
    if not dues:
        return 0
    token = uuid.uuid4()
    with transaction.atomic():
        SentReminder.objects.bulk_create(
            [
                SentReminder(
                    kind=name, content_type_id=key[0], object_id=key[1], period=key[2], scan=token
                )
                for key in sorted(dues)
            ],
            ignore_conflicts=True,
        )
        mine = SentReminder.objects.filter(
            kind=name, object_id__in={key[1] for key in dues}, scan=token
        ).values_list("content_type_id", "object_id", "period")
        sent = [dues[key] for key in sorted(mine)]
        notify_many(
            [(due.recipients, due.title, due.body, due.url, due.params, name) for due in sent]
        )
    if sent:
        logger.info("Reminder scan %s sent %d", name, len(sent))
    return len(sent)


def _by_key(found):
    """The due items by their SentReminder key (the first of any repeated key)."""
    dues = {}
    for due in found:
        content_type = ContentType.objects.get_for_model(due.obj)
        dues.setdefault((content_type.pk, str(due.obj.pk), due.period), due)
    return dues
