"""Helpers shared by the archive views: scoped fetches and refusals."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from archive.models import Item
from onsite.permissions import may, visible


def forbid_unless(user, action, obj=None):
    if not may(user, action, obj):
        raise PermissionDenied


def visible_item(request, pk):
    return get_object_or_404(
        visible(request.user, Item).select_related("collection", "custodian"), pk=pk
    )
