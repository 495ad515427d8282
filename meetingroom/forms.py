"""Forms of the meeting rooms (crispy, ``form_tag = False``); services do the checking."""

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from archive.choices import Medium, classification_levels
from meetingroom.choices import EXPORT_FORMATS, ExportKind, VerificationMethod
from meetingroom.models import SubVenue
from onsite.forms import SignatureFields
from onsite.names import display_name


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def _datetime(label):
    return forms.DateTimeField(label=label, widget=DateTimeInput())


class _Form(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


def _people(field, queryset):
    field.queryset = queryset
    field.label_from_instance = display_name


class EntryForm(_Form):
    """Who enters: a person listed at the venue, a filed visit, or a name (a walk-in)."""

    person = forms.ModelChoiceField(label=_("Person of the venue"), queryset=None, required=False)
    visit = forms.ModelChoiceField(label=_("Visitor (filed visit)"), queryset=None, required=False)
    name = forms.CharField(label=_("Other person (name)"), max_length=100, required=False)
    organisation = forms.CharField(
        label=pgettext_lazy("meetingroom", "Organisation"), max_length=150, required=False
    )
    purpose = forms.CharField(
        label=pgettext_lazy("meetingroom", "Purpose"), max_length=300, required=False
    )
    supervisor = forms.ModelChoiceField(
        label=_("Supervising person"), queryset=None, required=False
    )

    def __init__(self, *args, people, visits, supervisors, **kwargs):
        super().__init__(*args, **kwargs)
        _people(self.fields["person"], people)
        self.fields["visit"].queryset = visits
        _people(self.fields["supervisor"], supervisors)

    def clean(self):
        data = super().clean()
        given = [k for k in ("person", "visit", "name") if data.get(k)]
        if len(given) != 1:
            raise forms.ValidationError(_("Choose one person, one visit, or type one name."))
        return data


class VisitForm(_Form):
    visitor_name = forms.CharField(label=_("Visitor"), max_length=100)
    organisation = forms.CharField(
        label=pgettext_lazy("meetingroom", "Organisation"), max_length=150
    )
    id_tail = forms.CharField(
        label=_("ID last 4 digits or badge"),
        max_length=20,
        help_text=_("Never the whole ID number."),
    )
    purpose = forms.CharField(label=pgettext_lazy("meetingroom", "Purpose"), max_length=300)
    expected_from = _datetime(_("Expected from"))
    expected_until = _datetime(_("Expected until"))
    supervisor = forms.ModelChoiceField(label=_("Supervising manager"), queryset=None)

    def __init__(self, *args, managers, **kwargs):
        super().__init__(*args, **kwargs)
        _people(self.fields["supervisor"], managers)

    def clean_id_tail(self):
        value = self.cleaned_data["id_tail"].strip()
        if value.isdigit() and len(value) > 4:
            raise forms.ValidationError(_("Only the last 4 digits of an ID number."))
        return value


class AdmitForm(_Form):
    """A manager admits a visitor without prior approval: the reason is required."""

    visitor_name = VisitForm.base_fields["visitor_name"]
    organisation = VisitForm.base_fields["organisation"]
    id_tail = VisitForm.base_fields["id_tail"]
    purpose = VisitForm.base_fields["purpose"]
    expected_until = _datetime(_("Expected until"))
    reason = forms.CharField(
        label=_("Special circumstances (reason)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    clean_id_tail = VisitForm.clean_id_tail


class MeetingForm(_Form):
    title = forms.CharField(label=pgettext_lazy("meetingroom", "Title"), max_length=200)
    starts_at = _datetime(_("Starts at"))
    ends_at = _datetime(_("Ends at"))
    classification = forms.TypedChoiceField(label=_("Classification"), coerce=int, choices=[])
    important = forms.BooleanField(
        label=_("Important meeting (locks the venue down)"), required=False
    )
    organiser = forms.CharField(label=_("Organiser"), max_length=150)
    staff = forms.ModelMultipleChoiceField(
        label=_("Serving staff"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["classification"].choices = classification_levels()
        _people(self.fields["staff"], staff)

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_at"), data.get("ends_at")
        if start and end and end <= start:
            self.add_error("ends_at", _("The meeting must end after it starts."))
        return data


class StaffForm(_Form):
    staff = MeetingForm.base_fields["staff"]

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        _people(self.fields["staff"], staff)


class NoticeForm(_Form):
    number = forms.CharField(label=_("Notice number"), max_length=60)
    issuer = forms.CharField(label=_("Issued by"), max_length=150)
    issued_on = forms.DateField(label=_("Date of issue"), widget=DateInput())
    attachment = forms.FileField(label=_("Attachment"), required=False)
    authorised = forms.ModelMultipleChoiceField(
        label=_("Authorised sub-venues"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, subvenues, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authorised"].queryset = subvenues


class SubVenueForm(_Form):
    name = forms.CharField(label=pgettext_lazy("meetingroom", "Name"), max_length=150)
    organisation = forms.CharField(
        label=pgettext_lazy("meetingroom", "Organisation"), max_length=150
    )
    contact = forms.CharField(label=_("Contact"), max_length=150)
    endpoint = forms.CharField(label=_("Endpoint identifier"), max_length=100)


class AdmissionOpenForm(_Form):
    subvenue = forms.ModelChoiceField(label=_("Sub-venue"), queryset=SubVenue.objects.none())

    def __init__(self, *args, subvenues, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subvenue"].queryset = subvenues


class VerifyForm(_Form):
    method = forms.ChoiceField(
        label=_("How the identity was verified"), choices=VerificationMethod.choices
    )
    comment = forms.CharField(
        label=_("Note (who answered, what was checked)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DepositForm(_Form):
    owner_name = forms.CharField(label=_("Owner"), max_length=100)
    devices = forms.CharField(label=_("Devices"), max_length=300, initial=_("Mobile phone"))
    count = forms.IntegerField(label=_("Number of devices"), min_value=1, max_value=20, initial=1)
    tag = forms.CharField(label=_("Tag or box number"), max_length=30, required=False)


class RecordingForm(forms.Form):
    title = forms.CharField(label=pgettext_lazy("meetingroom", "Title"), max_length=200)
    medium = forms.ChoiceField(label=_("Medium"), choices=Medium.choices)
    location = forms.CharField(label=_("Storage location"), max_length=120)
    copies = forms.IntegerField(label=_("Copies"), min_value=1, max_value=20, initial=1)


RecordingFormSet = forms.formset_factory(RecordingForm, extra=1, max_num=10, validate_max=True)


class HandOverForm(_Form):
    custodian = forms.ModelChoiceField(label=_("Receiving custodian"), queryset=None)
    custodian_password = forms.CharField(
        label=_("Custodian's password"),
        help_text=_("The custodian confirms receipt by entering their own password."),
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args, custodians, **kwargs):
        super().__init__(*args, **kwargs)
        _people(self.fields["custodian"], custodians)


class PledgeSignForm(SignatureFields):
    def service_kwargs(self):
        return {"signature": self.signature_input()}


class PledgeUploadForm(_Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=None)
    scan = forms.FileField(label=_("Scan of the signed pledge"))
    signed_on = forms.DateField(label=_("Signed on"), widget=DateInput())
    valid_until = forms.DateField(label=_("Valid until"), widget=DateInput())

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        _people(self.fields["person"], people)

    def clean(self):
        data = super().clean()
        start, end = data.get("signed_on"), data.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("A pledge cannot end before it was signed."))
        return data


class ExportForm(_Form):
    venue = forms.ModelChoiceField(label=_("Venue"), queryset=None)
    kind = forms.ChoiceField(label=pgettext_lazy("meetingroom", "What"), choices=ExportKind.choices)
    fmt = forms.ChoiceField(label=_("Format"), choices=EXPORT_FORMATS)
    date_from = forms.DateField(label=_("From"), widget=DateInput())
    date_to = forms.DateField(label=_("To"), widget=DateInput())

    def __init__(self, *args, venues, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["venue"].queryset = venues

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The period must end after it starts."))
        if start and end and (end - start).days > 366:
            self.add_error("date_to", _("A period is at most one year."))
        return data


def people_of_staff():
    """Active people with a staff profile (for choosers)."""
    return (
        get_user_model()
        .objects.filter(is_active=True, profile__isnull=False)
        .order_by("last_name", "first_name")
    )
