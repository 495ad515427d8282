"""Every transition of every workflow, tried by every role of the cast.

The page offers a transition (a ``data-action`` button from ``{% actions %}``) exactly when
``actions_for`` lists it, and the service succeeds exactly when it is offered: buttons,
views and services read one table and cannot disagree. A failure injected at the end of a
transition rolls back its state, its audit entry and its notifications together.

Objects come from each app's ``tests/<app>/workflow_samples.py`` (``SAMPLES``: workflow
name → ``make(cast, state)``; ``ARGUMENTS``: (workflow, transition) → ``fn(cast, obj)``
giving what the service needs besides the comment).
"""

import importlib
import pkgutil

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction

import tests
from onsite.models import AuditEntry, Notification
from onsite.permissions import visible
from onsite.workflow import WORKFLOWS, WorkflowError, transition_done
from tests.access import ROLES

PEOPLE = [role for role in ROLES if role != "anon"]


def _load_samples():
    samples, arguments = {}, {}
    for module in pkgutil.iter_modules(tests.__path__):
        if not module.ispkg:
            continue
        try:
            found = importlib.import_module(f"tests.{module.name}.workflow_samples")
        except ModuleNotFoundError:
            continue
        samples.update(found.SAMPLES)
        arguments.update(getattr(found, "ARGUMENTS", {}))
    return samples, arguments


SAMPLES, ARGUMENTS = _load_samples()
MOVES = sorted(
    (flow.name, move.name, state)
    for flow in WORKFLOWS.values()
    for move in flow.transitions
    if not move.creates
    for state in move.source
)


def _try(flow, name, user, obj, cast):
    """Run the transition's service in a savepoint; True if it succeeded."""
    kwargs = ARGUMENTS.get((flow.name, name), lambda cast, obj: {})(cast, obj)
    try:
        with transaction.atomic():
            flow.service(name)(user, obj, comment="ok", **kwargs)
    except (WorkflowError, PermissionDenied):
        return False
    return True


def test_every_workflow_has_samples_and_every_transition_a_service():
    assert set(WORKFLOWS) <= set(SAMPLES), set(WORKFLOWS) - set(SAMPLES)
    missing = [
        f"{flow.name}.{move.name}"
        for flow in WORKFLOWS.values()
        for move in flow.transitions
        if not move.creates and move.name not in flow.services
    ]
    assert not missing, missing


@pytest.mark.parametrize("role", PEOPLE)
@pytest.mark.parametrize(("workflow", "name", "state"), MOVES)
def test_the_page_offers_exactly_what_the_service_allows(workflow, name, state, role, cast, client):
    flow = WORKFLOWS[workflow]
    move = flow.transition(name)
    obj = SAMPLES[workflow](cast, state)
    user = getattr(cast, role)
    allowed = flow.allows(user, obj, name)
    offered = name in [action.name for action in flow.actions_for(user, obj)]
    assert offered == (allowed and move.offered)
    if move.offered and visible(user, type(obj)).filter(pk=obj.pk).exists():
        client.force_login(user, backend="onsite.auth_backends.UsernameOrEmployeeNumberBackend")
        page = client.get(obj.get_absolute_url())
        assert page.status_code == 200, (workflow, role, page.status_code)
        assert (f'data-action="{name}"' in page.content.decode()) == offered
    assert _try(flow, name, user, obj, cast) == allowed


class Injected(Exception):
    pass


def _fail(**kwargs):
    raise Injected


@pytest.mark.parametrize(("workflow", "name", "state"), MOVES)
def test_a_failure_at_the_end_rolls_back_the_change_its_audit_and_its_notifications(
    workflow, name, state, cast
):
    flow = WORKFLOWS[workflow]
    obj = SAMPLES[workflow](cast, state)
    deciders = [
        getattr(cast, role) for role in PEOPLE if flow.allows(getattr(cast, role), obj, name)
    ]
    assert deciders, f"nobody of the cast may {workflow}.{name} from {state}"
    actor = deciders[0]
    kwargs = ARGUMENTS.get((workflow, name), lambda cast, obj: {})(cast, obj)
    audits, notes = AuditEntry.objects.count(), Notification.objects.count()
    transition_done.connect(_fail, sender=flow, dispatch_uid="inject")
    try:
        with pytest.raises(Injected):
            flow.service(name)(actor, obj, comment="ok", **kwargs)
    finally:
        transition_done.disconnect(dispatch_uid="inject", sender=flow)
    fresh = type(obj).objects.get(pk=obj.pk)
    assert str(getattr(fresh, flow.field)) == state
    assert AuditEntry.objects.count() == audits
    assert Notification.objects.count() == notes
    flow.service(name)(actor, fresh, comment="ok", **kwargs)
    fresh.refresh_from_db()
    assert str(getattr(fresh, flow.field)) == flow.transition(name).target
    assert AuditEntry.objects.filter(action=flow.audit_action(name)).exists()
