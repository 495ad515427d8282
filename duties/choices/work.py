"""Work reports, assigned tasks, client requests and written authorisations."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from onsite.workflow import INITIAL, Transition, Workflow


# --- Work reports -----------------------------------------------------------------------
class ReportKind(models.TextChoices):
    DAILY = "daily", _("Daily report")
    WEEKLY = "weekly", _("Weekly report")


class ReportStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    COMMENTED = "commented", _("Commented")


REPORT = Workflow(
    "duties.report",
    "duties.WorkReport",
    url_name="duties:report_action",
    labels=dict(ReportStatus.choices),
    tones={"submitted": "waiting", "commented": "done"},
    transitions=[
        Transition(
            "submit", source=[INITIAL], target=ReportStatus.SUBMITTED, rule="duties.write_report"
        ),
        Transition(
            "comment",
            source=[ReportStatus.SUBMITTED],
            target=ReportStatus.COMMENTED,
            rule="duties.comment_report",
            label=_("Comment"),
            title=_("Comment on the report"),
            question=_("The author is told of your comment."),
            comment_required=True,
            comment_field="supervisor_comment",
            stamp=("commented_by", "commented_at"),
        ),
    ],
)


# --- Assigned tasks (交办任务) ------------------------------------------------------------
class TaskPriority(models.TextChoices):
    LOW = "low", _("Low")
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("High")
    URGENT = "urgent", _("Urgent")


class TaskStatus(models.TextChoices):
    ASSIGNED = "assigned", _("Assigned")
    ACCEPTED = "accepted", pgettext_lazy("task", "Accepted")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", pgettext_lazy("task", "Done")
    CANCELLED = "cancelled", pgettext_lazy("task", "Cancelled")


OPEN_TASK_STATES = (TaskStatus.ASSIGNED, TaskStatus.ACCEPTED, TaskStatus.IN_PROGRESS)

TASK = Workflow(
    "duties.task",
    "duties.Task",
    url_name="duties:task_action",
    labels=dict(TaskStatus.choices),
    tones={
        "assigned": "waiting",
        "accepted": "approved",
        "in_progress": "approved",
        "done": "done",
        "cancelled": "cancelled",
    },
    transitions=[
        Transition(
            "assign", source=[INITIAL], target=TaskStatus.ASSIGNED, rule="duties.assign_task"
        ),
        Transition(
            "accept",
            source=[TaskStatus.ASSIGNED],
            target=TaskStatus.ACCEPTED,
            rule="duties.work_on_task",
            label=pgettext_lazy("task", "Accept"),
            title=_("Accept the task"),
            question=_("The person who assigned it is told."),
            stamp=("accepted_by", "accepted_at"),
        ),
        Transition(
            "progress",
            source=[TaskStatus.ACCEPTED, TaskStatus.IN_PROGRESS],
            target=TaskStatus.IN_PROGRESS,
            rule="duties.work_on_task",
            label=_("Report progress"),
            title=_("Report progress"),
            question=_("What was done so far; the person who assigned it sees it."),
            comment_required=True,
            comment_field="progress_note",
        ),
        Transition(
            "complete",
            source=[TaskStatus.ACCEPTED, TaskStatus.IN_PROGRESS],
            target=TaskStatus.DONE,
            rule="duties.work_on_task",
            label=_("Complete"),
            title=_("Complete the task"),
            question=_("Describe the result; the person who assigned it is told."),
            comment_required=True,
            comment_field="result",
            stamp=("completed_by", "completed_at"),
        ),
        Transition(
            "cancel",
            source=list(OPEN_TASK_STATES),
            target=TaskStatus.CANCELLED,
            rule="duties.cancel_task",
            label=_("Cancel"),
            title=_("Cancel the task"),
            question=_("Say why; the assignee is told."),
            comment_required=True,
            danger=True,
        ),
    ],
)


# --- Client requests and written authorisations (书面授权) --------------------------------
class RequestCategory(models.TextChoices):
    FAULT = "fault", _("Fault repair")
    INSTALLATION = "installation", _("Installation or move")
    CONFIGURATION = "configuration", _("Configuration change")
    MEETING = "meeting", _("Meeting support")
    DATA = "data", _("Data, copies or recordings")
    PURCHASE = "purchase", _("Purchase or quotation")
    CONTRACT = "contract", _("Contract or service terms")
    OTHER = "other", _("Other work")


class ClientRequestStatus(models.TextChoices):
    LOGGED = "logged", _("Logged")
    DONE = "done", pgettext_lazy("client request", "Done")
    ESCALATED = "escalated", _("Escalated to the supervisor")
    APPROVED = "approved", _("Authorised by the supervisor")
    DECLINED = "declined", _("Declined")


CLIENT_REQUEST = Workflow(
    "duties.client_request",
    "duties.ClientRequest",
    url_name="duties:request_action",
    labels=dict(ClientRequestStatus.choices),
    tones={
        "logged": "waiting",
        "done": "done",
        "escalated": "waiting",
        "approved": "approved",
        "declined": "rejected",
    },
    transitions=[
        Transition(
            "log", source=[INITIAL], target=ClientRequestStatus.LOGGED, rule="duties.log_request"
        ),
        Transition(
            "complete",
            source=[ClientRequestStatus.LOGGED, ClientRequestStatus.APPROVED],
            target=ClientRequestStatus.DONE,
            rule="duties.handle_request",
            label=_("Record as done"),
            title=_("Record the work as done"),
            question=_("Describe what was done for the client."),
            comment_required=True,
            comment_field="outcome",
            stamp=("done_by", "done_at"),
        ),
        Transition(
            "escalate",
            source=[ClientRequestStatus.LOGGED],
            target=ClientRequestStatus.ESCALATED,
            rule="duties.handle_request",
            label=_("Escalate to the supervisor"),
            title=_("Escalate to the supervisor"),
            question=_("Promise nothing to the client: your supervisor decides."),
            comment_field="escalation_note",
            stamp=("escalated_by", "escalated_at"),
        ),
        Transition(
            "approve",
            source=[ClientRequestStatus.ESCALATED],
            target=ClientRequestStatus.APPROVED,
            rule="duties.decide_request",
            label=_("Authorise"),
            title=_("Authorise the work"),
            question=_("Your written authorisation for this request; the staff member is told."),
            comment_required=True,
            comment_field="decision",
            stamp=("decided_by", "decided_at"),
        ),
        Transition(
            "decline",
            source=[ClientRequestStatus.ESCALATED],
            target=ClientRequestStatus.DECLINED,
            rule="duties.decide_request",
            label=_("Decline"),
            title=_("Decline the request"),
            question=_("Say why; the staff member tells the client."),
            comment_required=True,
            comment_field="decision",
            stamp=("decided_by", "decided_at"),
            danger=True,
        ),
    ],
)


class AuthorisationStatus(models.TextChoices):
    ACTIVE = "active", _("In force")
    REVOKED = "revoked", _("Revoked")


AUTHORISATION = Workflow(
    "duties.authorisation",
    "duties.Authorisation",
    url_name="duties:authorisation_action",
    labels=dict(AuthorisationStatus.choices),
    tones={"active": "approved", "revoked": "cancelled"},
    transitions=[
        Transition(
            "issue",
            source=[INITIAL],
            target=AuthorisationStatus.ACTIVE,
            rule="duties.issue_authorisation",
        ),
        Transition(
            "revoke",
            source=[AuthorisationStatus.ACTIVE],
            target=AuthorisationStatus.REVOKED,
            rule="duties.revoke_authorisation",
            label=_("Revoke"),
            title=_("Revoke the authorisation"),
            question=_("From now on it covers nothing; the holder is told."),
            comment_required=True,
            danger=True,
            stamp=("revoked_by", "revoked_at"),
        ),
    ],
)
