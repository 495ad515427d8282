"""Assigned tasks (交办任务): a supervisor assigns, the staff member accepts, reports
progress and completes with a result; overdue is derived from the due date."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duties.choices import TASK
from duties.models import Task
from duties.services.common import local_today, name
from onsite.notifications import notify
from onsite.workflow import WorkflowError


def _tell(users, title, body, task, **params):
    notify(users, title, body, task.get_absolute_url(), {"title": task.title, **params})


def assign_task(
    actor, assignee, *, title, due_date, detail="", site=None, priority="normal", comment=""
):
    """A supervisor assigns a task to a person of their department; the person is told.

    Enforces R2.1-supervisor-tasks.
    """
    if due_date < local_today():
        raise WorkflowError(_("The due date cannot be in the past."))

    def build():
        return Task(
            title=title,
            detail=detail,
            site=site,
            due_date=due_date,
            priority=priority,
            assignee=assignee,
            assigned_by=actor,
        )

    def tell(task):
        _tell(
            [assignee],
            gettext_lazy("New task from %(name)s: %(title)s (due %(date)s)"),
            task.detail,
            task,
            name=name(actor),
            date=due_date.isoformat(),
        )

    return TASK.create(actor, "assign", context=assignee, build=build, comment=comment, notify=tell)


@TASK.implements("accept")
def accept_task(actor, task, comment=""):
    """Enforces R2.1-supervisor-tasks."""

    def tell(task):
        _tell(
            [task.assigned_by],
            gettext_lazy("%(name)s accepted the task %(title)s"),
            comment,
            task,
            name=name(actor),
        )

    return TASK.run(actor, task, "accept", comment=comment, notify=tell)


@TASK.implements("progress")
def report_task_progress(actor, task, *, progress=None, comment=""):
    """The assignee says what was done so far (and how far along, in per cent).

    Enforces R2.1-supervisor-tasks.
    """
    if progress is not None and not 0 <= progress <= 100:
        raise WorkflowError(_("Progress is between 0 and 100 per cent."))

    def change(task):
        if progress is None:
            return []
        task.progress = progress
        return ["progress"]

    def tell(task):
        _tell(
            [task.assigned_by],
            gettext_lazy("Progress on %(title)s: %(percent)s%%"),
            task.progress_note,
            task,
            percent=task.progress,
        )

    return TASK.run(actor, task, "progress", comment=comment, change=change, notify=tell)


@TASK.implements("complete")
def complete_task(actor, task, comment=""):
    """The assignee completes the task with its result; the assigner is told.

    Enforces R2.1-supervisor-tasks.
    """

    def change(task):
        task.progress = 100
        return ["progress"]

    def tell(task):
        _tell(
            [task.assigned_by],
            gettext_lazy("%(name)s completed %(title)s"),
            task.result,
            task,
            name=name(actor),
        )

    return TASK.run(actor, task, "complete", comment=comment, change=change, notify=tell)


@TASK.implements("cancel")
def cancel_task(actor, task, comment=""):
    """The assigner (or the assignee's supervisor) cancels an open task, saying why."""

    def tell(task):
        _tell([task.assignee], gettext_lazy("Task cancelled: %(title)s"), comment, task)

    return TASK.run(actor, task, "cancel", comment=comment, notify=tell)
