"""Forms of the archive (crispy: the page's template holds the ``<form>`` tag and buttons).

Forms check shape and types; the workflow rules live in the services.
"""

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from archive.choices import (
    Condition,
    DestructionMethod,
    classification_levels,
)
from archive.models import Item
from onsite.forms import SignatureFields
from onsite.names import display_name


class _Crispy:
    """A crispy ``FormHelper`` without the ``<form>`` tag (the template has it)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _classification_field():
    return forms.TypedChoiceField(
        label=_("Classification"), coerce=int, choices=classification_levels()
    )


class ItemForm(_Crispy, forms.ModelForm):
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


class FileUploadForm(_Crispy, forms.Form):
    submit_label = _("Upload")
    file = forms.FileField(label=_("Digital file"))


class LoanRequestForm(_Crispy, forms.Form):
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


class SignatureForm(_Crispy, SignatureFields):
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


class DestructionForm(_Crispy, forms.Form):
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


class CarryOutForm(_Crispy, forms.Form):
    """The witnessed destruction: when, the witness's statement and their password."""

    destroyed_on = forms.DateField(label=_("Destroyed on"), widget=DateInput())
    witness_statement = forms.CharField(
        label=_("Witness statement"), widget=forms.Textarea(attrs={"rows": 3})
    )
    witness_password = forms.CharField(
        label=_("Witness's password"),
        help_text=_("The witness confirms the destruction by entering their own password."),
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, data=None, *, obj=None, user=None):
        super().__init__(data, initial={"destroyed_on": timezone.localdate()})


class AuditStartForm(_Crispy, forms.Form):
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


class ResolveForm(_Crispy, forms.Form):
    """How a discrepancy was resolved: the transition's (required) comment, posted as
    ``resolution``; every other transition page uses the core's ``CommentForm``."""

    resolution = forms.CharField(label=_("Resolution"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, data=None, *, obj=None, user=None):
        super().__init__(data)

    def service_kwargs(self):
        return {"comment": self.cleaned_data["resolution"]}


def witnesses_for(exclude):
    """Who may witness a destruction: any active member of staff but the proposer."""
    User = get_user_model()
    return (
        User.objects.filter(is_active=True, profile__isnull=False)
        .exclude(pk=exclude.pk)
        .order_by("last_name", "first_name")
    )
