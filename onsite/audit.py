"""The audit trail: every transition calls ``record`` inside its transaction.

Action names are ``app.model.action`` everywhere (``attendance.overtime.approve``,
``archive.loan.hand_over``). Apps register how their actions read on a page with
``register_labels`` (from their ``choices.py``); ``label(action)`` falls back to the code.

A person acting for someone else (a deputy deciding for a supervisor on leave) wraps the
service call in ``with audit.on_behalf_of(supervisor):``; every entry written inside names
that person as well.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.contenttypes.models import ContentType

from onsite.middleware import current_ip
from onsite.models import AuditEntry
from onsite.names import display_name

_LABELS = {}
_STATES = {}
_ON_BEHALF_OF = ContextVar("audit_on_behalf_of", default=None)


@contextmanager
def on_behalf_of(person):
    """Entries recorded inside the block say the actor acted for ``person`` (None: nobody)."""
    token = _ON_BEHALF_OF.set(person)
    try:
        yield
    finally:
        _ON_BEHALF_OF.reset(token)


def register_labels(labels):
    """Add ``{action: lazy label}`` entries (an app's past-tense names of its actions)."""
    _LABELS.update(labels)


def register_states(labels):
    """Add labels of states that are not a workflow's (e.g. a shelf audit's findings)."""
    _STATES.update(labels)


def label(action):
    return _LABELS.get(action, action)


def state_label(state):
    return _STATES.get(state, state)


def record(actor, action, obj=None, *, from_state="", to_state="", comment="", ip=None):
    """Write one audit entry (who, what, which object, from/to state, comment, IP, when)."""
    actor = actor if actor is not None and actor.is_authenticated else None
    entry = AuditEntry(
        actor=actor,
        actor_name=f"{actor.get_username()} {display_name(actor)}"[:150] if actor else "",
        action=action,
        from_state=str(from_state or ""),
        to_state=str(to_state or ""),
        comment=comment or "",
        ip=ip or current_ip(),
        on_behalf_of=_ON_BEHALF_OF.get(),
    )
    if obj is not None:
        entry.content_type = ContentType.objects.get_for_model(obj)
        entry.object_id = str(obj.pk)
        entry.object_repr = str(obj)[:200]
    entry.save()
    return entry


def history(obj):
    """The audit entries of one object, newest first."""
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).select_related("actor", "on_behalf_of", "content_type")
