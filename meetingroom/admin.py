"""Administration of the meeting rooms: venue settings (collection, lockdown, open-entry
limit) and read-only views of the records; every change is audited."""

from django.contrib import admin

from meetingroom.models import AccessEntry, DeniedAttempt, Pledge, SubVenue, VenueSettings
from onsite.admin import AuditedAdminMixin, ReadOnlyAdmin


@admin.register(VenueSettings)
class VenueSettingsAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = [
        "venue",
        "collection",
        "lockdown_before_minutes",
        "lockdown_after_minutes",
        "open_entry_hours",
    ]
    list_select_related = ["venue__site", "collection"]


@admin.register(SubVenue)
class SubVenueAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "organisation", "endpoint", "venue", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "organisation", "endpoint"]
    list_select_related = ["venue__site"]


@admin.register(AccessEntry)
class AccessEntryAdmin(ReadOnlyAdmin):
    list_display = ["name", "venue", "entered_at", "exited_at", "status"]
    list_select_related = ["venue__site"]
    date_hierarchy = "entered_at"


@admin.register(DeniedAttempt)
class DeniedAttemptAdmin(ReadOnlyAdmin):
    list_display = ["name", "venue", "reason", "attempted_at"]
    list_select_related = ["venue__site"]


@admin.register(Pledge)
class PledgeAdmin(ReadOnlyAdmin):
    list_display = ["person", "signed_on", "valid_until", "method", "status"]
    exclude = ["signature"]
