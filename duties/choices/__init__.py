"""Constants of the duties app, one module per part: statuses, the workflows (one transition
table each) and how the audit trail's actions read."""

from django.utils.translation import gettext_lazy as _

# The one classification scale of the portal is the archive's (公开/内部/秘密/机密).
from archive.choices import classification_label, classification_levels  # noqa: F401
from duties.choices.documents import (  # noqa: F401
    DOCUMENT,
    RECEIPT,
    SILENT_RECEIPT_STATES,
    DocumentKind,
    DocumentStatus,
    ReceiptStatus,
)
from duties.choices.people import (  # noqa: F401
    CUSTODY,
    VP_REQUEST,
    CustodyStatus,
    PropertyCondition,
    PropertyKind,
    SignatureMoment,
    SignatureSide,
    VPRequestKind,
    VPRequestStatus,
)
from duties.choices.site import (  # noqa: F401
    TRAINING,
    VISIT,
    SiteDocumentKind,
    TrainingStatus,
    VisitStatus,
)
from duties.choices.work import (  # noqa: F401
    AUTHORISATION,
    CLIENT_REQUEST,
    OPEN_TASK_STATES,
    REPORT,
    TASK,
    AuthorisationStatus,
    ClientRequestStatus,
    ReportKind,
    ReportStatus,
    RequestCategory,
    TaskPriority,
    TaskStatus,
)
from onsite.audit import register_labels

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
