"""The approval queue: what waits for a person's decision, read from the workflows.

A section (``choices.QUEUE_SECTIONS``) is shown to whoever decides such requests at all
(its transitions' rules asked without a request); its rows are the requests the person
may see (``visible()``) in the section's state on which they may take one of its
transitions now (``Workflow.allows``: the same checks as the page and the service).
"""

from dataclasses import dataclass

from attendance.choices import QUEUE_SECTIONS
from onsite.permissions import may, visible

_RELATED = {
    "overtime": ("user__profile__department", "site", "supervisor_by"),
    "leave": ("user__profile__department", "leave_type"),
    "correction": ("user__profile__department",),
}
_ORDER = {"overtime": ("date", "id"), "leave": ("start_date", "id"), "correction": ("date", "id")}


@dataclass
class Section:
    what: str
    title: str
    actions: tuple  # (transition name, button label)
    rows: list


def sections_for(user):
    """The queue's sections for ``user``, each with the rows they may decide now."""
    found = []
    for spec in QUEUE_SECTIONS:
        flow = spec.workflow
        names = [name for name, _label in spec.actions]
        if not any(may(user, flow.transition(name).rule) for name in names):
            continue
        waiting = (
            visible(user, flow.model)
            .filter(**{flow.field: spec.state})
            .select_related(*_RELATED[spec.what])
            .order_by(*_ORDER[spec.what])
        )
        rows = [row for row in waiting if any(flow.allows(user, row, name) for name in names)]
        found.append(Section(spec.what, spec.title, spec.actions, rows))
    return found
