"""Forms of the archive (crispy: the page's template holds the ``<form>`` tag and buttons).

Forms check shape and types; the workflow rules live in the services.
"""

from datetime import timedelta

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
from archive.conf import conf
from archive.models import Collection, Item
from archive.services.copies import check_copy_code
from onsite.forms import CommentForm, SignatureFields
from onsite.names import display_name
from onsite.workflow import WorkflowError


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


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


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


def copy_code_field():
    return forms.CharField(
        label=_("Copy's label"),
        max_length=60,
        help_text=_("Scan the QR code on the copy, or type the code printed under it."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )


class SignatureForm(_Crispy, SignatureFields):
    """Hand-over or return: the copy's label scanned, its condition, a note, and the
    borrower's signature. A label of another copy is refused here, before anything is
    saved (the service checks it again under its locks)."""

    copy_code = copy_code_field()
    condition = forms.ChoiceField(label=_("Condition of the copy"), choices=Condition.choices)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, copy=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.copy = copy

    def clean_copy_code(self):
        code = self.cleaned_data["copy_code"]
        if self.copy is not None:
            try:
                check_copy_code(code, self.copy)
            except WorkflowError as wrong:
                raise forms.ValidationError(str(wrong)) from None
        return code

    def service_kwargs(self):
        """The hand-over's or return's arguments: label, condition, note and signature."""
        data = self.cleaned_data
        return {
            "copy_code": data["copy_code"],
            "condition": data["condition"],
            "comment": data["note"],
            "signature": self.signature_input(),
        }


class TermsForm(_Crispy, SignatureFields):
    """The borrower signs the digital terms (drawn or by re-entering their password)."""

    def service_kwargs(self):
        return {"signature": self.signature_input()}


def _access_days_field():
    return forms.IntegerField(
        label=_("Access window (days)"),
        min_value=1,
        max_value=conf.MAX_DIGITAL_ACCESS_DAYS,
        help_text=_("Counted from the borrower's signature of the digital terms."),
    )


class DigitalLoanRequestForm(_Crispy, forms.Form):
    submit_label = _("Ask to open the file")
    purpose = forms.CharField(label=_("Purpose"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["access_days"] = _access_days_field()
        self.fields["access_days"].initial = conf.DIGITAL_ACCESS_DAYS


class DigitalApproveForm(CommentForm):
    """The leader's approval of a digital loan: the access window and a comment."""

    def __init__(self, data=None, *, obj=None, user=None):
        days = (obj.access_days if obj else None) or conf.DIGITAL_ACCESS_DAYS
        super().__init__(data, initial={"access_days": days})
        self.fields["access_days"] = _access_days_field()
        self.order_fields(["access_days", "comment"])


class GrantForm(_Crispy, forms.Form):
    """A single-item grant: who, from when until when, and why."""

    submit_label = _("Grant")
    person = forms.ModelChoiceField(label=_("Person"), queryset=None)
    starts_at = forms.DateTimeField(label=_("From"), widget=DateTimeInput())
    ends_at = forms.DateTimeField(label=_("Until"), widget=DateTimeInput())
    reason = forms.CharField(
        label=pgettext_lazy("archive", "Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why this person needs to see this item (an audit, a case…)."),
    )

    def __init__(self, *args, people, **kwargs):
        now = timezone.localtime().replace(second=0, microsecond=0)
        initial = {"starts_at": now, "ends_at": now + timedelta(days=7)}
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["person"].queryset = people
        self.fields["person"].label_from_instance = display_name

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_at"), data.get("ends_at")
        if start and end and end <= start:
            self.add_error("ends_at", _("The grant must end after it starts."))
        return data


class ScanForm(forms.Form):
    """A copy's label scanned or typed during a shelf audit."""

    code = copy_code_field()
    note = forms.CharField(label=_("Note"), required=False, max_length=200)


class LabelForm(forms.Form):
    """Which labels to print: the copies of some items, or of a whole collection."""

    item = forms.ModelMultipleChoiceField(queryset=Item.objects.none(), required=False)
    collection = forms.ModelChoiceField(queryset=Collection.objects.none(), required=False)

    def __init__(self, data, *, items, collections):
        super().__init__(data)
        self.fields["item"].queryset = items
        self.fields["collection"].queryset = collections


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
