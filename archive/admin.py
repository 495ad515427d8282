from django.contrib import admin

from archive.models import Collection, CollectionAccess
from onsite.admin import AuditedAdminMixin


class CollectionAccessInline(admin.TabularInline):
    model = CollectionAccess
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Collection)
class CollectionAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["code", "name", "site", "audit_interval_days"]
    search_fields = ["code", "name"]
    filter_horizontal = ["custodians", "leaders"]
    list_select_related = ["site"]
    inlines = [CollectionAccessInline]


@admin.register(CollectionAccess)
class CollectionAccessAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """Grants are given by administrators; every change is in the audit trail."""

    list_display = ["user", "collection", "clearance", "granted_at"]
    list_filter = ["collection"]
    search_fields = ["user__username", "user__last_name", "collection__code"]
    list_select_related = ["user", "collection"]
    autocomplete_fields = ["user"]
