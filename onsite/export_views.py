"""Views every app's export pages are built from: download, progress row, try again.

The export is fetched through ``visible()`` (its owner only; anyone else gets 404).
"""

from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from onsite import exports
from onsite.access import signed_in
from onsite.permissions import visible
from onsite.workflow import WorkflowError


def _export(request, model, token):
    return get_object_or_404(visible(request.user, model), token=token)


def download_view(model, back):
    """``view(request, token)``: the file under its own name, or back to ``back`` saying why."""

    @signed_in
    @require_GET
    def view(request, token):
        export = _export(request, model, token)
        try:
            handle = exports.open_file(request.user, export)
        except WorkflowError as error:
            messages.error(request, str(error))
            return redirect(back)
        return FileResponse(handle, as_attachment=True, filename=export.file_name)

    return view


def status_view(model, template):
    """``view(request, token)``: the export's row, polled by htmx while it is being made."""

    @signed_in
    @require_GET
    def view(request, token):
        return render(request, template, {"export": _export(request, model, token)})

    return view


def retry_view(model, back):
    """``view(request, token)``: the owner starts a failed export again."""

    @signed_in
    @require_POST
    def view(request, token):
        export = _export(request, model, token)
        try:
            exports.retry(request.user, export)
        except WorkflowError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The export was started again."))
        return redirect(back)

    return view
