"""Admin of the equipment app: the sites' service targets; the rest is read-only here
(equipment, plans, inspections and faults change through the app's pages and services)."""

from django.contrib import admin

from equipment.models import Equipment, Fault, ServiceTarget
from onsite.admin import AuditedAdminMixin, ReadOnlyAdmin


@admin.register(ServiceTarget)
class ServiceTargetAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """The service contract's response and fix targets of a site (compliance, escalation)."""

    list_display = ["site", "response_minutes", "fix_hours"]
    list_select_related = ["site"]


@admin.register(Equipment)
class EquipmentAdmin(ReadOnlyAdmin):
    list_display = ["reference", "name", "kind", "site", "venue", "serial", "status"]
    list_filter = ["kind", "status", "site"]
    search_fields = ["name", "serial"]
    list_select_related = ["site", "venue"]


@admin.register(Fault)
class FaultAdmin(ReadOnlyAdmin):
    list_display = ["reference", "title", "equipment", "client_reported_at", "status"]
    list_filter = ["status"]
    list_select_related = ["equipment__site"]
