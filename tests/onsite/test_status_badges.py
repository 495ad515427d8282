"""Status badges say what a state means, the same in every app: every state of every
workflow has a tone (waiting, approved, done, rejected, cancelled), and pages show states
through ``{% status %}``."""

import pathlib

import pytest
from django.conf import settings

from onsite.workflow import WORKFLOWS

TONES = {"waiting", "approved", "done", "rejected", "cancelled"}


@pytest.mark.parametrize("name", sorted(WORKFLOWS))
def test_every_state_of_every_workflow_has_a_meaning(name):
    workflow = WORKFLOWS[name]
    untoned = {state for state in workflow.labels if workflow.tone(state) not in TONES}
    assert not untoned, untoned


def test_no_page_draws_a_grey_badge_of_a_status_by_hand():
    found = []
    for path in pathlib.Path(settings.BASE_DIR).glob("*/templates/**/*.html"):
        if ".venv" in path.parts or "pdf" in path.parts:
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if "text-bg-" in line and "get_status_display" in line:
                found.append(f"{path.relative_to(settings.BASE_DIR)}:{number}")
    assert not found, found
