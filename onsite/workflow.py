"""The one transition recipe: every state change of every app goes through ``Workflow.run``.

A workflow is one status field of one model. Its transitions are declared once, in the
app's ``choices.py``::

    OVERTIME = Workflow(
        "attendance.overtime",                  # audit actions: attendance.overtime.<name>
        "attendance.OvertimeRequest",
        labels=dict(OvertimeStatus.choices),
        transitions=[
            Transition("approve", source=[SUBMITTED], target=SUPERVISOR_APPROVED,
                       rule="attendance.approve_overtime", label=_("Approve"),
                       stamp=("supervisor_by", "supervisor_at")),
            ...
        ],
    )

The app's ``services.py`` implements each transition with one call of the recipe and
registers the function, so the generic transition page can call it::

    @OVERTIME.implements("approve")
    def approve_overtime(actor, request, *, comment=""):
        return OVERTIME.run(actor, request, "approve", comment=comment, notify=_tell_hr)

``run`` checks the permission rule, then in one transaction locks the workflow row,
checks the state and the transition's guard, applies the change, saves, writes the audit
entry and the notifications' outbox rows. Only the hand-off to the broker waits for the
commit (``onsite.notifications``). Pages ask ``actions_for(user, obj)`` — the same
checks — which actions to offer, so buttons, views and services cannot disagree.

Lock order (the same in the whole project, so two transactions never wait on each other
in a circle): a parent row before its children, one level at a time —
a person (``User``) before the requests they file; an archive ``Item`` before its
``Loan`` and ``Destruction`` rows, and those before its ``Copy`` rows; a ``Venue`` before
its visits and log rows. A workflow that must lock more than its own row names its
parent (``parent="item"``): ``run`` locks the parent first, then the workflow row, and
never the joined rows (``select_for_update(of=("self",))``).
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from onsite import audit
from onsite.permissions import may

INITIAL = ""  # the "state" of an object that does not exist yet (a creating transition)
WORKFLOWS = {}

# Sent as the last step of every transition, inside its transaction (sender: the workflow;
# arguments: obj, transition, actor). For decoupled follow-ups only; a receiver that raises
# rolls the whole transition back.
transition_done = Signal()


class WorkflowError(Exception):
    """An illegal or refused state change; ``str(error)`` is shown to the person."""


@dataclass(frozen=True)
class Transition:
    """One allowed move: from any of ``source`` to ``target``, for whoever ``rule`` allows.

    ``stamp`` names the (user, time) fields the move fills; ``comment_field`` a field that
    keeps the comment; ``comment_required`` refuses an empty comment. ``url_name`` names
    a page of its own (args: the object's pk) instead of the workflow's generic page.
    """

    name: str
    source: tuple
    target: str
    rule: str
    label: str = ""
    title: str = ""
    question: str = ""
    comment_required: bool = False
    danger: bool = False
    stamp: tuple = ()
    comment_field: str = ""
    url_name: str = ""
    offered: bool = True  # shown as a button on the object's page

    def __post_init__(self):
        object.__setattr__(self, "source", tuple(str(s) for s in self.source))
        object.__setattr__(self, "target", str(self.target))

    @property
    def creates(self):
        return INITIAL in self.source


@dataclass
class Action:
    """A transition a person may take now on one object, ready for a button."""

    name: str
    label: str
    url: str
    danger: bool


@dataclass(eq=False)  # compared and hashed by identity: a signal's sender
class Workflow:
    """The transitions of one status field (see the module docstring)."""

    name: str
    model_label: str
    transitions: list
    labels: dict = field(default_factory=dict)
    tones: dict = field(default_factory=dict)  # state → waiting/approved/done/rejected/cancelled
    field: str = "status"
    parent: str = ""  # a foreign key whose row is locked before this one
    url_name: str = ""  # the generic transition page: args (pk, transition name)

    def __post_init__(self):
        self.table = {t.name: t for t in self.transitions}
        self.guards = {}
        self.services = {}
        if self.name in WORKFLOWS:
            raise ValueError(f"Workflow {self.name} is declared twice")
        WORKFLOWS[self.name] = self

    # --- Declaration -------------------------------------------------------------------
    @property
    def model(self):
        return apps.get_model(self.model_label)

    def transition(self, name):
        try:
            return self.table[name]
        except KeyError:
            raise WorkflowError(_("This action does not exist.")) from None

    def guard(self, name):
        """Register ``fn(obj, user, now) -> reason or None`` refusing ``name`` beyond its state."""
        self.transition(name)

        def decorate(fn):
            self.guards.setdefault(name, []).append(fn)
            return fn

        return decorate

    def implements(self, name):
        """Register the service function of a transition: ``fn(actor, obj, **form_data)``."""
        self.transition(name)

        def decorate(fn):
            self.services[name] = fn
            return fn

        return decorate

    def service(self, name):
        return self.services[self.transition(name).name]

    def state_label(self, state):
        return str(self.labels.get(state, state))

    def tone(self, state):
        """What a state means to a person, for its badge's colour (the same in every app)."""
        return self.tones.get(str(state), "neutral")

    def audit_action(self, name):
        return f"{self.name}.{name}"

    # --- Checks (the pages and the services ask the same) ----------------------------------
    def refusal(self, user, obj, name, now=None):
        """Why ``user`` cannot take ``name`` on ``obj`` now, or None if they can.

        Returns ``PermissionDenied`` (the rule refuses the person) or a message (the state
        or a guard refuses the move).
        """
        move = self.transition(name)
        if not may(user, move.rule, obj):
            return PermissionDenied(move.rule)
        if move.creates:
            return None
        current = str(getattr(obj, self.field))
        if current not in move.source:
            return _("This cannot be done now: it is %(state)s.") % {
                "state": self.state_label(current)
            }
        now = now or timezone.now()
        for check in self.guards.get(name, ()):
            reason = check(obj, user, now)
            if reason:
                return str(reason)
        return None

    def allows(self, user, obj, name, now=None):
        return self.refusal(user, obj, name, now) is None

    def check(self, user, obj, name, now=None):
        """Raise ``PermissionDenied`` or ``WorkflowError`` unless the move is allowed now."""
        reason = self.refusal(user, obj, name, now)
        if isinstance(reason, PermissionDenied):
            raise reason
        if reason:
            raise WorkflowError(reason)

    def actions_for(self, user, obj, now=None):
        """The buttons of ``obj``'s page: every offered transition ``user`` may take now."""
        found = []
        for move in self.transitions:
            if move.creates or not move.offered or not self.allows(user, obj, move.name, now):
                continue
            url = (
                reverse(move.url_name, args=[obj.pk])
                if move.url_name
                else reverse(self.url_name, args=[obj.pk, move.name])
            )
            found.append(Action(move.name, str(move.label), url, move.danger))
        return found

    # --- The recipe --------------------------------------------------------------------
    def run(self, actor, obj, name, *, comment="", change=None, then=None, notify=None, now=None):
        """Move ``obj`` by transition ``name``: the whole recipe in one transaction.

        ``change(obj)`` sets further fields (and returns their names) or raises
        ``WorkflowError``; ``then(obj)`` writes follow-up rows once ``obj`` is saved and
        audited (a receipt, child rows); ``notify(obj)`` writes the outbox rows.
        Returns ``obj``, saved.
        """
        move = self.transition(name)
        comment = (comment or "").strip()
        if move.comment_required and not comment:
            raise WorkflowError(_("Give the reason."))
        if not may(actor, move.rule, obj):
            raise PermissionDenied(move.rule)
        now = now or timezone.now()
        with transaction.atomic():
            if self.parent:
                lock(self.model._meta.get_field(self.parent).related_model, _parent_id(self, obj))
            try:
                obj.refresh_from_db(from_queryset=_locking(type(obj)))
            except type(obj).DoesNotExist:
                raise WorkflowError(_("This no longer exists.")) from None
            self.check(actor, obj, name, now)
            fields = list(change(obj) or ()) if change else []
            before = str(getattr(obj, self.field))
            self._apply(obj, move, actor, comment, now, fields)
            audit.record(
                actor,
                self.audit_action(name),
                obj,
                from_state=before,
                to_state=move.target,
                comment=comment,
            )
            if then:
                then(obj)
            if notify:
                notify(obj)
            transition_done.send(sender=self, obj=obj, transition=move, actor=actor)
        return obj

    def create(
        self,
        actor,
        name,
        *,
        build,
        context=None,
        lock_first=(),
        comment="",
        then=None,
        notify=None,
    ):
        """A creating transition: check the rule on ``context``, lock ``lock_first`` rows
        (parents, in the project's lock order), ``build()`` the unsaved object (or raise
        ``WorkflowError``), save it in the target state, audit, ``then(obj)`` (child rows)
        and ``notify(obj)`` (outbox rows) — all in one transaction."""
        move = self.transition(name)
        if not move.creates:
            raise ValueError(f"{self.name}.{name} does not create")
        comment = (comment or "").strip()
        if move.comment_required and not comment:
            raise WorkflowError(_("Give the reason."))
        if not may(actor, move.rule, context):
            raise PermissionDenied(move.rule)
        with transaction.atomic():
            for model, pk in lock_first:
                lock(model, pk)
            obj = build()
            setattr(obj, self.field, move.target)
            obj.save()
            audit.record(actor, self.audit_action(name), obj, to_state=move.target, comment=comment)
            if then:
                then(obj)
            if notify:
                notify(obj)
            transition_done.send(sender=self, obj=obj, transition=move, actor=actor)
        return obj

    def _apply(self, obj, move, actor, comment, now, fields):
        if move.stamp:
            by, at = move.stamp
            setattr(obj, by, actor)
            setattr(obj, at, now)
            fields += [by, at]
        if move.comment_field:
            setattr(obj, move.comment_field, comment)
            fields.append(move.comment_field)
        setattr(obj, self.field, move.target)
        obj.save(update_fields=[self.field, *dict.fromkeys(fields)])


def _parent_id(workflow, obj):
    return getattr(obj, workflow.model._meta.get_field(workflow.parent).attname)


def _locking(model):
    return model._base_manager.select_for_update(of=("self",))


def lock(model_or_queryset, pk):
    """Fetch one row locked for update — only that row, never its joins.

    Must run inside ``transaction.atomic``; raises ``model.DoesNotExist`` if it is gone.
    """
    queryset = (
        model_or_queryset
        if hasattr(model_or_queryset, "model")
        else model_or_queryset._base_manager.all()
    )
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock() needs a transaction")
    return queryset.select_for_update(of=("self",)).get(pk=pk)


def workflows_of(model):
    """The workflows whose rows are ``model`` objects (worked out once per model: a list page
    asks it for every row's badge)."""
    found = _BY_MODEL.get(model)
    if found is None or len(_BY_MODEL_SEEN) != len(WORKFLOWS):
        if len(_BY_MODEL_SEEN) != len(WORKFLOWS):  # a workflow declared since: start over
            _BY_MODEL.clear()
            _BY_MODEL_SEEN[:] = list(WORKFLOWS)
        found = _BY_MODEL[model] = [w for w in WORKFLOWS.values() if w.model is model]
    return found


_BY_MODEL = {}
_BY_MODEL_SEEN = []
