"""Forms of the archive."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from archive.choices import (
    Condition,
    DestructionMethod,
    Medium,
    classification_levels,
)
from archive.models import Item
from onsite.forms import SignatureFields
from onsite.names import display_name


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _classification_field():
    return forms.TypedChoiceField(
        label=_("Classification"), coerce=int, choices=classification_levels()
    )


class ItemForm(forms.ModelForm):
    """Register or edit an item; the custodian is one of the collection's custodians."""

    classification = _classification_field()

    class Meta:
        model = Item
        fields = [
            "collection",
            "title",
            "meeting",
            "event_date",
            "classification",
            "medium",
            "location",
            "custodian",
            "retention_until",
            "description",
        ]
        widgets = {"event_date": DateInput(), "retention_until": DateInput()}

    copies = forms.IntegerField(label=_("Number of copies"), min_value=1, max_value=50, initial=1)

    def __init__(self, *args, collections, custodians, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collection"].queryset = collections
        self.fields["custodian"].queryset = custodians
        self.fields["custodian"].label_from_instance = display_name
        if self.instance.pk:
            del self.fields["collection"]
            del self.fields["copies"]

    def clean(self):
        data = super().clean()
        collection = data.get("collection") or getattr(self.instance, "collection", None)
        custodian = data.get("custodian")
        if collection and custodian and not collection.custodians.filter(pk=custodian.pk).exists():
            self.add_error("custodian", _("Choose a custodian of this collection."))
        event_date, keep = data.get("event_date"), data.get("retention_until")
        if event_date and keep and keep < event_date:
            self.add_error("retention_until", _("Retention cannot end before the event date."))
        return data


class ItemSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    collection = forms.ModelChoiceField(
        label=_("Collection"), queryset=None, required=False, empty_label=_("All collections")
    )
    medium = forms.ChoiceField(
        label=_("Medium"), choices=[("", _("All media")), *Medium.choices], required=False
    )

    def __init__(self, *args, collections, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collection"].queryset = collections
        for name in ("collection", "medium"):
            self.fields[name].widget.attrs.update(
                {"class": "form-select", "aria-label": self.fields[name].label}
            )


class FileUploadForm(forms.Form):
    submit_label = _("Upload")
    file = forms.FileField(label=_("Digital file"))


class LoanRequestForm(forms.Form):
    submit_label = _("Ask to borrow")
    purpose = forms.CharField(label=_("Purpose"), widget=forms.Textarea(attrs={"rows": 3}))
    needed_from = forms.DateField(label=_("Needed from"), widget=DateInput())
    return_by = forms.DateField(label=_("Return by"), widget=DateInput())

    def clean(self):
        data = super().clean()
        start, end = data.get("needed_from"), data.get("return_by")
        if start and end and end < start:
            self.add_error("return_by", _("The return date must not be before the start date."))
        return data


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, required=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"].required = required


class SignatureForm(SignatureFields):
    """Hand-over or return: the copy's condition, a note, and the borrower's signature."""

    condition = forms.ChoiceField(label=_("Condition of the copy"), choices=Condition.choices)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def service_kwargs(self):
        """The hand-over's or return's arguments: condition, note and the signature given."""
        data = self.cleaned_data
        return {
            "condition": data["condition"],
            "comment": data["note"],
            "signature": self.signature_input(),
        }


class DestructionForm(forms.Form):
    submit_label = _("Propose destruction")
    copy = forms.ModelChoiceField(
        label=_("Copy"),
        queryset=None,
        required=False,
        empty_label=_("The whole item (every copy and file)"),
    )
    reason = forms.CharField(
        label=pgettext_lazy("archive", "Reason"), widget=forms.Textarea(attrs={"rows": 3})
    )
    method = forms.ChoiceField(label=_("Method"), choices=DestructionMethod.choices)
    witness = forms.ModelChoiceField(label=_("Witness"), queryset=None)
    planned_on = forms.DateField(label=_("Planned date"), widget=DateInput())

    def __init__(self, *args, copies, witnesses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["copy"].queryset = copies
        self.fields["copy"].label_from_instance = lambda c: _("Copy %(n)s") % {"n": c.number}
        self.fields["witness"].queryset = witnesses
        self.fields["witness"].label_from_instance = display_name


class CarryOutForm(forms.Form):
    destroyed_on = forms.DateField(label=_("Destroyed on"), widget=DateInput())
    witness_statement = forms.CharField(
        label=_("Witness statement"), widget=forms.Textarea(attrs={"rows": 3})
    )
    witness_password = forms.CharField(
        label=_("Witness's password"),
        help_text=_("The witness confirms the destruction by entering their own password."),
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
    )


class AuditStartForm(forms.Form):
    submit_label = _("Start the audit")
    collection = forms.ModelChoiceField(label=_("Collection"), queryset=None)
    location = forms.CharField(
        label=_("Storage location"),
        required=False,
        help_text=_("Leave empty to audit every location of the collection."),
    )

    def __init__(self, *args, collections, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collection"].queryset = collections
        if len(collections) == 1:
            self.fields["collection"].initial = collections[0]


class ResolveForm(forms.Form):
    resolution = forms.CharField(label=_("Resolution"), widget=forms.Textarea(attrs={"rows": 3}))


def witnesses_for(exclude):
    """Who may witness a destruction: any active member of staff but the proposer."""
    User = get_user_model()
    return (
        User.objects.filter(is_active=True, profile__isnull=False)
        .exclude(pk=exclude.pk)
        .order_by("last_name", "first_name")
    )
