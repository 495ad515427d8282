"""Explicit state machines for approval workflows.

Each workflow declares its allowed transitions in one table::

    OVERTIME = StateMachine("overtime", {
        ("submitted", "approve"): "supervisor_approved",
        ...
    })

A service function locks the row, asks the machine for the next state (an illegal
move raises ``WorkflowError`` with a message for the person), saves, and records
the audit entry, all in one transaction:

    with transaction.atomic():
        request = lock(OvertimeRequest, pk)
        change_state(request, OVERTIME, "approve", actor, comment=comment)
"""

from django.db import transaction
from django.utils.translation import gettext as _

from onsite import audit


class WorkflowError(Exception):
    """An illegal or refused state change; ``str(error)`` is shown to the person."""


class StateMachine:
    def __init__(self, name, transitions, field="status", labels=None):
        self.name = name
        self.transitions = dict(transitions)
        self.field = field
        self.labels = labels or {}

    def actions_from(self, state):
        return [action for (source, action) in self.transitions if source == state]

    def can(self, state, action):
        return (state, action) in self.transitions

    def target(self, state, action):
        try:
            return self.transitions[(state, action)]
        except KeyError:
            label = self.labels.get(state, state)
            raise WorkflowError(
                _("This cannot be done now: it is %(state)s.") % {"state": label}
            ) from None


def lock(model_or_queryset, pk):
    """Fetch one row locked for update (must run inside ``transaction.atomic``).

    Raises ``model.DoesNotExist`` if it is not there (or not in the given queryset).
    """
    queryset = (
        model_or_queryset
        if hasattr(model_or_queryset, "model")
        else model_or_queryset._default_manager.all()
    )
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock() needs a transaction")
    return queryset.select_for_update().get(pk=pk)


def change_state(obj, machine, action, actor, *, comment="", update_fields=()):
    """Move a locked ``obj`` along ``machine`` by ``action``; save it and audit the change."""
    current = getattr(obj, machine.field)
    new = machine.target(current, action)
    setattr(obj, machine.field, new)
    obj.save(update_fields=[machine.field, *update_fields])
    audit.record(
        actor, f"{machine.name}.{action}", obj, from_state=current, to_state=new, comment=comment
    )
    return new
