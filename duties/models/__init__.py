"""Models of the duties app, one module per part (imported here for Django and callers)."""

from duties.models.documents import CompanyDocument, Receipt
from duties.models.exports import DutiesExport
from duties.models.files import StoredFile
from duties.models.people import Custody, CustodySignature, PropertyItem, VPRequest
from duties.models.site import (
    AgreementVersion,
    ChecklistTemplate,
    DailyChecklist,
    PostDuty,
    ServiceVisit,
    SiteDocument,
    SiteDocumentVersion,
    Training,
    TrainingRecord,
)
from duties.models.work import Authorisation, ClientRequest, Task, WorkReport

__all__ = [
    "AgreementVersion",
    "Authorisation",
    "ChecklistTemplate",
    "ClientRequest",
    "CompanyDocument",
    "Custody",
    "CustodySignature",
    "DailyChecklist",
    "DutiesExport",
    "PostDuty",
    "PropertyItem",
    "Receipt",
    "ServiceVisit",
    "SiteDocument",
    "SiteDocumentVersion",
    "StoredFile",
    "Task",
    "Training",
    "TrainingRecord",
    "VPRequest",
    "WorkReport",
]
