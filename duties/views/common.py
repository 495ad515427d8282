"""Helpers shared by the duties views: scoped fetches, refusals, the form page."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render

from onsite.permissions import may, visible


def forbid_unless(user, action, obj=None):
    if not may(user, action, obj):
        raise PermissionDenied


def fetch(request, model_or_queryset, pk):
    """One object the person may see, or 404 (never a hint that it exists)."""
    return get_object_or_404(visible(request.user, model_or_queryset), pk=pk)


def form_page(request, form, *, title, back, status=None, template="duties/form.html", **extra):
    """The page of a form: GET shows it, an invalid POST shows it again with 400."""
    context = {"form": form, "title": title, "back": back, **extra}
    if status is None:
        status = 400 if form.is_bound and form.errors else 200
    return render(request, template, context, status=status)
