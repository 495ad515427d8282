from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from archive.choices import classification_label, classification_levels
from archive.models import Collection, CollectionAccess
from onsite.admin import AuditedAdminMixin


class CollectionAccessForm(forms.ModelForm):
    """The clearance is chosen by its label (公开 / 内部 / 秘密 / 机密 or the configured ones)."""

    clearance = forms.TypedChoiceField(label=_("clearance"), coerce=int, choices=[])

    class Meta:
        model = CollectionAccess
        fields = ["user", "collection", "clearance", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["clearance"].choices = classification_levels()


class CollectionForm(forms.ModelForm):
    """The direct-download level is chosen by its label, like a clearance."""

    direct_download_level = forms.TypedChoiceField(
        label=_("direct download up to"), coerce=int, choices=[]
    )

    class Meta:
        model = Collection
        fields = [
            "name",
            "code",
            "site",
            "description",
            "custodians",
            "leaders",
            "audit_interval_days",
            "direct_download_level",
            "discrepancy_remind_days",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["direct_download_level"].choices = classification_levels()
        self.fields["direct_download_level"].help_text = Collection._meta.get_field(
            "direct_download_level"
        ).help_text


class CollectionAccessInline(admin.TabularInline):
    model = CollectionAccess
    form = CollectionAccessForm
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Collection)
class CollectionAdmin(AuditedAdminMixin, admin.ModelAdmin):
    form = CollectionForm
    list_display = ["code", "name", "site", "audit_interval_days", "direct_download_label"]
    search_fields = ["code", "name"]
    filter_horizontal = ["custodians", "leaders"]
    list_select_related = ["site"]
    inlines = [CollectionAccessInline]

    @admin.display(description=_("direct download up to"), ordering="direct_download_level")
    def direct_download_label(self, obj):
        return classification_label(obj.direct_download_level)


@admin.register(CollectionAccess)
class CollectionAccessAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """Grants are given by administrators; every change is in the audit trail."""

    form = CollectionAccessForm
    list_display = ["user", "collection", "clearance_label", "granted_at"]
    list_filter = ["collection"]
    search_fields = ["user__username", "user__last_name", "collection__code"]
    list_select_related = ["user", "collection"]
    autocomplete_fields = ["user"]

    @admin.display(description=_("clearance"), ordering="clearance")
    def clearance_label(self, obj):
        return classification_label(obj.clearance)
