"""Every transition of the app agrees with its page: offered ⇔ the service succeeds ⇔ the
object's page shows the button (the lead's project-wide check, run on this app's samples)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction

from onsite.workflow import INITIAL, WORKFLOWS, WorkflowError
from tests.access import ROLES
from tests.meetingroom.workflow_samples import ARGUMENTS, SAMPLES

CASES = [
    (name, move.name, source)
    for name in SAMPLES
    for move in WORKFLOWS[name].transitions
    for source in move.source
    if source != INITIAL
]


class _Undo(Exception):
    pass


@pytest.mark.parametrize(("workflow", "move", "source"), CASES)
def test_offered_succeeds_and_shown_agree(workflow, move, source, cast, client):
    flow = WORKFLOWS[workflow]
    for role in ROLES[1:]:
        user = getattr(cast, role)
        with transaction.atomic():
            obj = SAMPLES[workflow](cast, source)
            offered = move in [a.name for a in flow.actions_for(user, obj)]
            kwargs = ARGUMENTS.get((workflow, move), lambda c, o: {})(cast, obj)
            try:
                with transaction.atomic():
                    flow.service(move)(user, obj, comment="ok", **kwargs)
                    raise _Undo
            except _Undo:
                succeeded = True
            except (PermissionDenied, WorkflowError):
                succeeded = False
            assert offered == succeeded, (workflow, move, source, role)
            obj.refresh_from_db()
            client.force_login(user)
            page = client.get(obj.get_absolute_url())
            if page.status_code == 200:
                shown = f'data-action="{move}"' in page.content.decode()
                assert shown == offered, (workflow, move, source, role)
            else:
                assert page.status_code == 404 and not offered, (workflow, move, role)
            transaction.set_rollback(True)
