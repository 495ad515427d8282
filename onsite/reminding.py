"""One reminder mechanism for every app.

An app registers a kind with a ``find_due(now)`` function that yields ``Due`` items
from the database. ``run_scan(kind_name, now)`` notifies each due item once per
period: a unique SentReminder row, written in the same transaction as the
notification, makes a second (or concurrent) scan skip what was already sent.
"""

import logging
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from onsite.models import SentReminder
from onsite.notifications import notify

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
    """Send every due reminder of one kind that was not sent yet; returns how many."""
    kind = get_kind(name)
    sent = 0
    for due in kind.find_due(now):
        content_type = ContentType.objects.get_for_model(due.obj)
        try:
            with transaction.atomic():
                SentReminder.objects.create(
                    kind=name,
                    content_type=content_type,
                    object_id=str(due.obj.pk),
                    period=due.period,
                )
                notify(due.recipients, due.title, due.body, due.url, due.params, kind=name)
        except IntegrityError:
            continue  # already sent by an earlier or a concurrent scan
        sent += 1
    if sent:
        logger.info("Reminder scan %s sent %d", name, sent)
    return sent
