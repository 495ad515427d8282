from django.contrib import admin

from archive.models import Collection
from onsite.admin import AuditedAdminMixin


@admin.register(Collection)
class CollectionAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["code", "name", "site"]
    search_fields = ["code", "name"]
    filter_horizontal = ["custodians", "leaders"]
    list_select_related = ["site"]
