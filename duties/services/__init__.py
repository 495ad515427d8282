"""Every state change of the duties app, one module per part. Importing this package
registers each workflow's transition services (``Workflow.implements``)."""

from duties.services import (  # noqa: F401 - registers the transitions
    checklists,
    documents,
    papers,
    property,
    reports,
    requests,
    tasks,
    vp,
)
