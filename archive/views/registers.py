"""The registers (PDF and Excel) and the exports made in the background."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from archive.choices import (
    RegisterKind,
)
from archive.exports import open_export, queue_export
from archive.models import (
    RegisterExport,
)
from archive.registers import TooManyRows, register_response
from archive.views.common import (
    paginate,
)
from onsite.access import signed_in
from onsite.workflow import WorkflowError


def _register(request, kind, fmt):
    params = request.GET if kind == RegisterKind.ITEMS else {}
    try:
        return register_response(request.user, kind, params, fmt)
    except TooManyRows as error:
        queue_export(request.user, kind, params)
        messages.info(
            request,
            _(
                "%(count)s rows are too many for a PDF made on the spot: it is being made "
                "and you will be notified when it is ready."
            )
            % {"count": error.args[0]},
        )
        return redirect("archive:export_list")


@signed_in
@require_GET
def item_register(request, fmt):
    return _register(request, RegisterKind.ITEMS, fmt)


@signed_in
@require_GET
def loan_register(request, fmt):
    return _register(request, RegisterKind.LOANS, fmt)


@signed_in
@require_GET
def export_list(request):
    rows = RegisterExport.objects.filter(requested_by=request.user).order_by("-created_at", "-pk")
    return render(
        request,
        "archive/export_list.html",
        {"page": paginate(request, rows), "now": timezone.now()},
    )


@signed_in
@require_GET
def export_download(request, pk):
    export = get_object_or_404(RegisterExport, pk=pk, requested_by=request.user)
    try:
        content = open_export(request.user, export)
    except WorkflowError as error:
        messages.error(request, str(error))
        return redirect("archive:export_list")
    name = f"archive-{export.kind}-{timezone.localtime(export.created_at):%Y%m%d-%H%M}.pdf"
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
