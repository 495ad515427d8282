"""Administration of organisation, people, roles and scopes; every change is audited."""

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from onsite import audit, services
from onsite.choices import Role
from onsite.models import (
    Assignment,
    AuditEntry,
    Department,
    Notification,
    SentReminder,
    Site,
    StaffProfile,
    Venue,
)
from onsite.names import display_name

User = get_user_model()


def admin_action(obj, verb):
    """``onsite.department.admin_change``: app, model and what the administrator did."""
    return f"{obj._meta.app_label}.{obj._meta.model_name}.admin_{verb}"


class AuditedAdminMixin:
    """Mirror every admin add/change/delete into the audit trail."""

    def log_addition(self, request, obj, message):
        audit.record(request.user, admin_action(obj, "add"), obj, comment=str(message))
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        audit.record(request.user, admin_action(obj, "change"), obj, comment=str(message))
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        for obj in queryset:
            audit.record(request.user, admin_action(obj, "delete"), obj)
        return super().log_deletions(request, queryset)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Department)
class DepartmentAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["code", "name", "parent"]
    search_fields = ["code", "name"]
    filter_horizontal = ["supervisors"]


class VenueInline(admin.TabularInline):
    model = Venue
    extra = 0
    fields = ["name", "kind", "location"]


@admin.register(Site)
class SiteAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["code", "name", "contact_name", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["code", "name"]
    inlines = [VenueInline]


@admin.register(Venue)
class VenueAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "site", "kind", "location"]
    list_filter = ["kind", "site"]
    search_fields = ["name", "site__name"]
    filter_horizontal = ["managers", "leaders"]
    list_select_related = ["site"]


class StaffProfileInline(admin.StackedInline):
    model = StaffProfile
    can_delete = False
    extra = 0


class AssignmentForm(forms.ModelForm):
    """Refuses inverted dates and overlapping assignments with a message on the form."""

    class Meta:
        model = Assignment
        fields = ["user", "site", "start_date", "end_date", "note"]

    def clean(self):
        data = super().clean()
        if data.get("user") and data.get("site") and data.get("start_date"):
            try:
                services.check_assignment(
                    data["user"],
                    data["site"],
                    data["start_date"],
                    data.get("end_date"),
                    exclude_pk=self.instance.pk,
                )
            except ValidationError as error:
                raise ValidationError(error.messages) from None
        return data


class AssignmentInline(admin.TabularInline):
    """A person's assignments, read-only: new ones go through the Assignment page, whose
    service checks overlaps, audits and notifies the person and their supervisors."""

    model = Assignment
    fk_name = "user"
    extra = 0
    fields = ["site", "start_date", "end_date", "note"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(StaffProfile)
class StaffProfileAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["employee_no", "user", "department", "post", "phone"]
    list_filter = ["department"]
    search_fields = ["employee_no", "user__username", "user__first_name", "user__last_name"]
    list_select_related = ["user", "department"]
    autocomplete_fields = ["user"]


@admin.register(Assignment)
class AssignmentAdmin(AuditedAdminMixin, admin.ModelAdmin):
    form = AssignmentForm

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
        else:  # new assignments go through the service: audit entry and notifications
            created = services.assign(
                request.user, obj.user, obj.site, obj.start_date, obj.end_date, obj.note
            )
            obj.pk = created.pk

    def log_addition(self, request, obj, message):
        # The service already wrote the audit entry; keep Django's own admin log only.
        return admin.ModelAdmin.log_addition(self, request, obj, message)

    list_display = ["user", "site", "start_date", "end_date"]
    list_filter = ["site"]
    search_fields = ["user__username", "user__profile__employee_no", "site__name"]
    list_select_related = ["user", "site"]
    autocomplete_fields = ["user"]
    date_hierarchy = "start_date"


admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(AuditedAdminMixin, UserAdmin):
    """Users with their profile and assignments; roles are the user's groups."""

    inlines = [StaffProfileInline, AssignmentInline]
    list_display = ["username", "employee_no", "name", "email", "is_active"]
    list_select_related = ["profile"]
    search_fields = ["username", "first_name", "last_name", "email", "profile__employee_no"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "groups":  # roles by their names, not their codes
            labels = dict(Role.choices)
            field.label_from_instance = lambda group: labels.get(group.name, group.name)
            field.label = _("roles")
        return field

    @admin.display(description=_("name"), ordering="last_name")
    def name(self, obj):
        return display_name(obj)

    @admin.display(description=_("employee number"), ordering="profile__employee_no")
    def employee_no(self, obj):
        profile = getattr(obj, "profile", None)
        return profile.employee_no if profile else ""


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = [
        "created_at",
        "actor",
        "on_behalf_of",
        "action",
        "object_repr",
        "from_state",
        "to_state",
        "ip",
    ]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "comment", "actor__username"]
    list_select_related = ["actor"]
    date_hierarchy = "created_at"


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "recipient", "title", "read_at", "email_state"]
    list_filter = ["email_state"]
    search_fields = ["title", "recipient__username"]
    list_select_related = ["recipient"]


@admin.register(SentReminder)
class SentReminderAdmin(ReadOnlyAdmin):
    list_display = ["sent_at", "kind", "content_type", "object_id", "period"]
    list_filter = ["kind"]
