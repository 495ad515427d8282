"""Admin of the duties app: configuration is edited here (audited); workflow records are
read-only, since every state change goes through the services."""

from django.contrib import admin

from duties.models import (
    Authorisation,
    ChecklistTemplate,
    ClientRequest,
    CompanyDocument,
    Custody,
    PostDuty,
    PropertyItem,
    Task,
    Training,
    VPRequest,
    WorkReport,
)
from onsite.admin import AuditedAdminMixin, ReadOnlyAdmin


@admin.register(PostDuty)
class PostDutyAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["post", "site", "updated_at"]
    list_filter = ["site"]
    search_fields = ["post", "duties"]


@admin.register(ChecklistTemplate)
class ChecklistTemplateAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["site", "updated_at"]


@admin.register(PropertyItem)
class PropertyItemAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["asset_no", "name", "kind"]
    list_filter = ["kind"]
    search_fields = ["asset_no", "name"]


@admin.register(CompanyDocument, Authorisation, ClientRequest, Custody, Task, Training)
@admin.register(VPRequest, WorkReport)
class WorkflowRecordAdmin(ReadOnlyAdmin):
    """Workflow records are shown, never changed here."""

    list_display = ["__str__", "status"]
    list_filter = ["status"]
