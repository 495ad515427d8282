"""The one way out for the duties' attachments: fetched through ``visible()`` (404 out of
scope), checked against their SHA-256, classified ones audited."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_GET

from duties.models import (
    AgreementVersion,
    Authorisation,
    CompanyDocument,
    SiteDocumentVersion,
    TrainingRecord,
)
from duties.services import files
from duties.views.common import fetch
from onsite.access import signed_in
from onsite.workflow import WorkflowError

# kind in the URL → (model, the object the attachment belongs to, for audit and going back)
ATTACHMENTS = {
    "document": (CompanyDocument, lambda record: record),
    "authorisation": (Authorisation, lambda record: record),
    "agreement": (AgreementVersion, lambda record: record),
    "site-document": (SiteDocumentVersion, lambda record: record.document),
    "certificate": (TrainingRecord, lambda record: record),
}


@signed_in
@require_GET
def attachment(request, kind, pk):
    if kind not in ATTACHMENTS:
        raise Http404
    model, owner = ATTACHMENTS[kind]
    record = fetch(request, model, pk)
    about = owner(record)
    try:
        handle = files.open_attachment(request.user, record, about)
    except WorkflowError as error:
        messages.error(request, str(error))
        return redirect(about.get_absolute_url())
    return FileResponse(handle, as_attachment=True, filename=record.original_name or "file")
