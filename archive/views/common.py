"""Helpers shared by the archive views: paging, scoped fetches, confirmation pages."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from archive.models import Item
from onsite.permissions import may, visible
from onsite.workflow import WorkflowError

PAGE_SIZE = 25


def paginate(request, rows):
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


def posted(request):
    """The POST data of a POST (even an empty one), None for a GET: forms bind on POST."""
    return request.POST if request.method == "POST" else None


def forbid_unless(user, action, obj=None):
    if not may(user, action, obj):
        raise PermissionDenied


def visible_item(request, pk):
    return get_object_or_404(
        visible(request.user, Item).select_related("collection", "custodian"), pk=pk
    )


def confirm_page(request, obj, *, action, title, question, form, do, back, danger=False, label=""):
    """GET shows a confirmation page; POST runs ``do(cleaned_data)`` (a service call)."""
    forbid_unless(request.user, action, obj)
    if request.method == "POST" and form.is_valid():
        try:
            do(form.cleaned_data)
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Done."))
            return redirect(back)
    context = {
        "title": title,
        "question": question,
        "object": obj,
        "form": form,
        "cancel_url": back,
        "danger": danger,
        "submit_label": label or title,
    }
    return render(request, "confirm.html", context, status=400 if form.errors else 200)
