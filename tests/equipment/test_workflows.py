"""The equipment workflows: every transition, tried by every role of the cast, is offered on
the object's page exactly when its service succeeds (the samples the lead's test uses)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction

from onsite.permissions import visible
from onsite.workflow import WORKFLOWS, WorkflowError
from tests.access import ROLES
from tests.equipment.workflow_samples import ARGUMENTS, SAMPLES

PEOPLE = [role for role in ROLES if role != "anon"]
MOVES = sorted(
    (flow.name, move.name, state)
    for flow in WORKFLOWS.values()
    if flow.name.startswith("equipment.")
    for move in flow.transitions
    if not move.creates
    for state in move.source
)


def test_every_workflow_has_a_sample_and_every_transition_a_service():
    flows = [flow for flow in WORKFLOWS.values() if flow.name.startswith("equipment.")]
    assert {flow.name for flow in flows} == set(SAMPLES)
    assert all(m.name in f.services for f in flows for m in f.transitions if not m.creates)


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.mark.parametrize("role", PEOPLE)
@pytest.mark.parametrize(("workflow", "name", "state"), MOVES)
def test_the_page_offers_exactly_what_the_service_allows(workflow, name, state, role, cast, client):
    flow = WORKFLOWS[workflow]
    obj = SAMPLES[workflow](cast, state)
    user = getattr(cast, role)
    allowed = flow.allows(user, obj, name)
    offered = name in [action.name for action in flow.actions_for(user, obj)]
    assert offered == allowed
    if visible(user, type(obj)).filter(pk=obj.pk).exists():
        client.force_login(user, backend="onsite.auth_backends.UsernameOrEmployeeNumberBackend")
        page = client.get(obj.get_absolute_url())
        assert page.status_code == 200
        assert (f'data-action="{name}"' in page.content.decode()) == offered
    kwargs = ARGUMENTS.get((workflow, name), lambda cast, obj: {})(cast, obj)
    try:
        with transaction.atomic():
            flow.service(name)(user, obj, comment="ok", **kwargs)
        succeeded = True
    except (WorkflowError, PermissionDenied):
        succeeded = False
    assert succeeded == allowed
