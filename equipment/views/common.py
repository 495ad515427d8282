"""Helpers shared by the equipment views: scoped fetches and refusals."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from equipment.models import Equipment, Fault, Inspection, MaintenancePlan
from onsite.permissions import may, visible


def forbid_unless(user, action, obj=None):
    if not may(user, action, obj):
        raise PermissionDenied


def visible_equipment(request, pk):
    return get_object_or_404(
        visible(request.user, Equipment).select_related("site", "venue", "responsible"), pk=pk
    )


def visible_plan(request, pk):
    return get_object_or_404(
        visible(request.user, MaintenancePlan).select_related("site", "venue", "assignee"), pk=pk
    )


def visible_inspection(request, pk):
    return get_object_or_404(
        visible(request.user, Inspection).select_related("plan__site", "plan__venue", "done_by"),
        pk=pk,
    )


def visible_fault(request, pk):
    return get_object_or_404(
        visible(request.user, Fault).select_related(
            "equipment__site", "equipment__venue", "reported_by", "responded_by", "fixed_by"
        ),
        pk=pk,
    )
