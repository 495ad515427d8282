"""Constants of the duties app: statuses, the workflows (one transition table each) and how
the audit trail's actions read."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# The one classification scale of the portal is the archive's (公开/内部/秘密/机密).
from archive.choices import classification_label, classification_levels  # noqa: F401
from onsite.audit import register_labels
from onsite.workflow import INITIAL, Transition, Workflow


# --- Company documents and their receipts (文件签收) -------------------------------------
class DocumentKind(models.TextChoices):
    DOCUMENT = "document", _("Document")
    ITEM = "item", _("Item")


class DocumentStatus(models.TextChoices):
    SENT = "sent", pgettext_lazy("document", "Sent")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ReceiptStatus(models.TextChoices):
    SENT = "sent", _("Waiting for signature")
    SIGNED = "signed", _("Signed for")
    ACCEPTED = "accepted", _("Will carry it out")
    OBJECTED = "objected", _("Cannot fully carry it out")
    REPLIED = "replied", _("Explanation answered")
    DEEMED = "deemed", _("Deemed accepted")


# Receipts not answered yet: at the deadline they count as accepted (R2.3-deemed-accepted).
SILENT_RECEIPT_STATES = (ReceiptStatus.SENT, ReceiptStatus.SIGNED)

DOCUMENT = Workflow(
    "duties.document",
    "duties.CompanyDocument",
    url_name="duties:document_action",
    labels=dict(DocumentStatus.choices),
    tones={"sent": "approved", "withdrawn": "cancelled"},
    transitions=[
        Transition(
            "send", source=[INITIAL], target=DocumentStatus.SENT, rule="duties.send_document"
        ),
        Transition(
            "revise",
            source=[DocumentStatus.SENT],
            target=DocumentStatus.SENT,
            rule="duties.revise_document",
            label=_("Revise"),
            url_name="duties:document_revise",
        ),
        Transition(
            "withdraw",
            source=[DocumentStatus.SENT],
            target=DocumentStatus.WITHDRAWN,
            rule="duties.revise_document",
            label=_("Withdraw"),
            title=_("Withdraw the document"),
            question=_("Recipients are told; nobody can sign for it or answer it any more."),
            comment_required=True,
            danger=True,
        ),
    ],
)

RECEIPT = Workflow(
    "duties.receipt",
    "duties.Receipt",
    parent="document",  # a document before its receipts: a revision waits for answers in flight
    url_name="duties:receipt_action",
    labels=dict(ReceiptStatus.choices),
    tones={
        "sent": "waiting",
        "signed": "waiting",
        "accepted": "done",
        "objected": "waiting",
        "replied": "done",
        "deemed": "done",
    },
    transitions=[
        Transition(
            "sign",
            source=[ReceiptStatus.SENT],
            target=ReceiptStatus.SIGNED,
            rule="duties.answer_receipt",
            label=_("Sign for it"),
            title=_("Sign for the document"),
            question=_("You confirm you received it. Then answer whether you will carry it out."),
        ),
        Transition(
            "accept",
            source=[ReceiptStatus.SIGNED],
            target=ReceiptStatus.ACCEPTED,
            rule="duties.answer_receipt",
            label=_("Will carry it out"),
            title=_("Carry out the document"),
            question=_("You will carry it out in full."),
            comment_field="answer_note",
        ),
        Transition(
            "object",
            source=[ReceiptStatus.SIGNED],
            target=ReceiptStatus.OBJECTED,
            rule="duties.answer_receipt",
            label=_("Cannot fully carry it out"),
            title=_("Written explanation"),
            question=_(
                "Explain in writing what cannot be carried out and why; the sender replies."
            ),
            comment_required=True,
            comment_field="explanation",
            danger=True,
        ),
        Transition(
            "reply",
            source=[ReceiptStatus.OBJECTED],
            target=ReceiptStatus.REPLIED,
            rule="duties.reply_receipt",
            label=_("Reply"),
            title=_("Reply to the explanation"),
            question=_("Your reply (批复) is sent to the person who explained."),
            comment_required=True,
            comment_field="reply",
            stamp=("replied_by", "replied_at"),
        ),
    ],
)


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


# --- Daily checklists and service visits (§2.2) -------------------------------------------
class VisitStatus(models.TextChoices):
    OPEN = "open", _("Under way")
    RESTORED = "restored", _("Environment restored")


VISIT = Workflow(
    "duties.visit",
    "duties.ServiceVisit",
    url_name="duties:visit_action",
    labels=dict(VisitStatus.choices),
    tones={"open": "waiting", "restored": "done"},
    transitions=[
        Transition("start", source=[INITIAL], target=VisitStatus.OPEN, rule="duties.log_visit"),
        Transition(
            "restore",
            source=[VisitStatus.OPEN],
            target=VisitStatus.RESTORED,
            rule="duties.close_visit",
            label=_("Environment restored"),
            title=_("Confirm the client environment is restored"),
            question=_(
                "Furniture, cables, settings and the room are as the client left them; "
                "note anything that could not be restored."
            ),
            comment_field="restored_note",
            stamp=("restored_by", "restored_at"),
        ),
    ],
)


# --- Company property in custody -----------------------------------------------------------
class PropertyKind(models.TextChoices):
    LAPTOP = "laptop", _("Laptop")
    PHONE = "phone", _("Phone")
    TOOLKIT = "toolkit", _("Tool kit")
    BADGE = "badge", _("Badge or key")
    INSTRUMENT = "instrument", _("Instrument")
    OTHER = "other", _("Other")


class PropertyCondition(models.TextChoices):
    GOOD = "good", _("Good")
    WORN = "worn", _("Worn but usable")
    DAMAGED = "damaged", _("Damaged")
    INCOMPLETE = "incomplete", _("Incomplete")


class CustodyStatus(models.TextChoices):
    HANDED_OVER = "handed_over", _("In custody")
    RETURNED = "returned", _("Returned")
    TRANSFERRED = "transferred", _("Transferred")


class SignatureMoment(models.TextChoices):
    HAND_OVER = "hand_over", _("Hand-over")
    RETURN = "return", _("Return")
    TRANSFER = "transfer", _("Transfer")


class SignatureSide(models.TextChoices):
    GIVING = "giving", _("Handing over")
    TAKING = "taking", _("Receiving")


CUSTODY = Workflow(
    "duties.custody",
    "duties.Custody",
    parent="item",  # a property item before its custody records: one holder at a time
    labels=dict(CustodyStatus.choices),
    tones={"handed_over": "approved", "returned": "done", "transferred": "done"},
    transitions=[
        Transition(
            "hand_over",
            source=[INITIAL],
            target=CustodyStatus.HANDED_OVER,
            rule="duties.hand_over_property",
        ),
        Transition(
            "return",
            source=[CustodyStatus.HANDED_OVER],
            target=CustodyStatus.RETURNED,
            rule="duties.take_back_property",
            label=_("Take back"),
            url_name="duties:custody_return",
            stamp=("closed_by", "closed_at"),
        ),
        Transition(
            "transfer",
            source=[CustodyStatus.HANDED_OVER],
            target=CustodyStatus.TRANSFERRED,
            rule="duties.transfer_property",
            label=_("Transfer"),
            url_name="duties:custody_transfer",
            stamp=("closed_by", "closed_at"),
        ),
    ],
)


# --- Requests a vice president decides (e.g. a higher communication allowance) -----------
class VPRequestKind(models.TextChoices):
    COMMUNICATION = "communication", _("Higher communication allowance")
    OTHER = "other", _("Other matter reserved for a vice president")


class VPRequestStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for the supervisor's statement")
    STATED = "stated", _("Waiting for the vice president")
    APPROVED = "approved", pgettext_lazy("vp request", "Approved")
    REJECTED = "rejected", pgettext_lazy("vp request", "Rejected")
    WITHDRAWN = "withdrawn", pgettext_lazy("vp request", "Withdrawn")


VP_REQUEST = Workflow(
    "duties.vp_request",
    "duties.VPRequest",
    url_name="duties:vp_request_action",
    labels=dict(VPRequestStatus.choices),
    tones={
        "submitted": "waiting",
        "stated": "waiting",
        "approved": "approved",
        "rejected": "rejected",
        "withdrawn": "cancelled",
    },
    transitions=[
        Transition(
            "submit",
            source=[INITIAL],
            target=VPRequestStatus.SUBMITTED,
            rule="duties.submit_vp_request",
        ),
        Transition(
            "state",
            source=[VPRequestStatus.SUBMITTED],
            target=VPRequestStatus.STATED,
            rule="duties.state_vp_request",
            label=_("Add the supervisor's statement"),
            title=_("The supervisor's statement"),
            question=_("Explain the request to the vice president (说明)."),
            comment_required=True,
            comment_field="supervisor_statement",
            stamp=("stated_by", "stated_at"),
        ),
        Transition(
            "approve",
            source=[VPRequestStatus.STATED],
            target=VPRequestStatus.APPROVED,
            rule="duties.decide_vp_request",
            label=pgettext_lazy("vp request", "Approve"),
            title=_("Approve the request"),
            question=_("It applies from now on; the person and the supervisor are told."),
            comment_field="decision_comment",
            stamp=("decided_by", "decided_at"),
        ),
        Transition(
            "reject",
            source=[VPRequestStatus.STATED],
            target=VPRequestStatus.REJECTED,
            rule="duties.decide_vp_request",
            label=pgettext_lazy("vp request", "Reject"),
            title=_("Reject the request"),
            question=_("Say why; the person and the supervisor are told."),
            comment_required=True,
            comment_field="decision_comment",
            stamp=("decided_by", "decided_at"),
            danger=True,
        ),
        Transition(
            "withdraw",
            source=[VPRequestStatus.SUBMITTED, VPRequestStatus.STATED],
            target=VPRequestStatus.WITHDRAWN,
            rule="duties.withdraw_vp_request",
            label=pgettext_lazy("vp request", "Withdraw"),
            title=_("Withdraw the request"),
            danger=True,
        ),
    ],
)


# --- Training and the sites' papers -------------------------------------------------------
class TrainingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", pgettext_lazy("training", "Cancelled")


TRAINING = Workflow(
    "duties.training",
    "duties.Training",
    url_name="duties:training_action",
    labels=dict(TrainingStatus.choices),
    tones={"planned": "waiting", "held": "done", "cancelled": "cancelled"},
    transitions=[
        Transition(
            "plan", source=[INITIAL], target=TrainingStatus.PLANNED, rule="duties.plan_training"
        ),
        Transition(
            "hold",
            source=[TrainingStatus.PLANNED],
            target=TrainingStatus.HELD,
            rule="duties.run_training",
            label=_("Record attendance"),
            url_name="duties:training_hold",
            stamp=("recorded_by", "recorded_at"),
        ),
        Transition(
            "cancel",
            source=[TrainingStatus.PLANNED],
            target=TrainingStatus.CANCELLED,
            rule="duties.run_training",
            label=_("Cancel"),
            title=_("Cancel the training"),
            question=_("The attendees are told."),
            comment_required=True,
            danger=True,
        ),
    ],
)


class SiteDocumentKind(models.TextChoices):
    MANUAL = "manual", _("Client training manual")
    TECHNICAL = "technical", _("Client technical document")


# How the audit trail's actions read on a page.
register_labels(
    {
        "duties.document.send": _("Document sent"),
        "duties.document.revise": _("Document revised: everyone is asked again"),
        "duties.document.withdraw": _("Document withdrawn"),
        "duties.attachment.open": _("Classified attachment opened"),
        "duties.attachment.checksum_mismatch": _("Checksum mismatch: download refused"),
        "duties.receipt.sign": _("Signed for"),
        "duties.receipt.accept": _("Will carry it out"),
        "duties.receipt.object": _("Written explanation: cannot fully carry it out"),
        "duties.receipt.reply": _("Explanation answered"),
        "duties.receipt.deem": _("Silent at the deadline: deemed accepted"),
        "duties.report.submit": _("Report submitted"),
        "duties.report.comment": _("Report commented"),
        "duties.task.assign": _("Task assigned"),
        "duties.task.accept": _("Task accepted"),
        "duties.task.progress": _("Progress reported"),
        "duties.task.complete": _("Task completed"),
        "duties.task.cancel": _("Task cancelled"),
        "duties.client_request.log": _("Client request logged"),
        "duties.client_request.complete": _("Done and recorded"),
        "duties.client_request.escalate": _("Escalated to the supervisor"),
        "duties.client_request.approve": _("Authorised by the supervisor"),
        "duties.client_request.decline": _("Declined by the supervisor"),
        "duties.authorisation.issue": _("Authorisation issued"),
        "duties.authorisation.revoke": _("Authorisation revoked"),
        "duties.checklist.submit": _("Daily checklist done"),
        "duties.checklist_template.edit": _("Checklist changed"),
        "duties.visit.start": _("Service visit started"),
        "duties.visit.restore": _("Client environment restored"),
        "duties.property.register": _("Property registered"),
        "duties.custody.hand_over": _("Handed over, both signed"),
        "duties.custody.return": _("Returned, both signed"),
        "duties.custody.transfer": _("Transferred, both signed"),
        "duties.custody.transferred_in": _("Received by transfer"),
        "duties.custody.signing_refused": _("Signature refused"),
        "duties.vp_request.submit": _("Request explained"),
        "duties.vp_request.state": _("Supervisor's statement added"),
        "duties.vp_request.approve": _("Approved by the vice president"),
        "duties.vp_request.reject": _("Rejected by the vice president"),
        "duties.vp_request.withdraw": _("Request withdrawn"),
        "duties.training.plan": _("Training planned"),
        "duties.training.hold": _("Attendance recorded"),
        "duties.training.cancel": _("Training cancelled"),
        "duties.training_record.add": _("Training record added"),
        "duties.post_duty.edit": _("Post duties changed"),
        "duties.agreement.version": _("Service agreement: new version"),
        "duties.site_document.version": _("New version uploaded"),
    }
)
