"""Forms of the working environment, post duties, the sites' papers and training."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from duties.choices import SiteDocumentKind
from duties.forms.common import (
    CrispyForm,
    DateInput,
    DateTimeInput,
    TransitionForm,
    classification_field,
    people_field,
    text_area,
)
from duties.permissions import is_hr, supervised
from onsite.models import Site
from onsite.permissions import assigned_site_ids


class ChecklistForm(CrispyForm):
    """Today's checklist of one site: tick each item; say why for any left unticked."""

    submit_label = _("Checklist done")
    ticked = forms.TypedMultipleChoiceField(
        label=_("Done before the shift"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label=_("Note (why an item is left unticked)"), required=False, widget=text_area(2)
    )

    def __init__(self, *args, template, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ticked"].choices = list(enumerate(template.item_list()))


class ChecklistTemplateForm(CrispyForm):
    items = forms.CharField(
        label=_("Items"), widget=text_area(8), help_text=_("One item per line.")
    )


class VisitForm(CrispyForm):
    """A service visit at a client location."""

    submit_label = _("Start the visit")
    site = forms.ModelChoiceField(label=_("Client site"), queryset=Site.objects.none())
    location = forms.CharField(label=_("Where"), max_length=150)
    purpose = forms.CharField(label=_("What for"), max_length=200)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        sites = Site.objects.filter(pk__in=assigned_site_ids(user))
        self.fields["site"].queryset = sites
        if len(sites) == 1:
            self.initial.setdefault("site", sites[0].pk)


class PostDutyForm(CrispyForm):
    post = forms.CharField(label=_("Post"), max_length=100)
    site = forms.ModelChoiceField(
        label=_("Client site"),
        queryset=Site.objects.all(),
        required=False,
        empty_label=_("Every site"),
    )
    duties = forms.CharField(label=_("Duties"), widget=text_area(8), help_text=_("One per line."))


class AgreementForm(CrispyForm):
    """A new version of a site's service agreement."""

    submit_label = _("Save the new version")
    contract_no = forms.CharField(label=_("Contract number"), max_length=60, required=False)
    valid_from = forms.DateField(label=_("Valid from"), widget=DateInput())
    valid_to = forms.DateField(label=_("Valid to"), widget=DateInput(), required=False)
    work_plan = forms.CharField(label=_("Work plan"), widget=text_area(5))
    service_terms = forms.CharField(label=_("Service terms"), widget=text_area(5))
    response_times = forms.CharField(
        label=_("Response times"),
        widget=text_area(3),
        help_text=_("E.g. faults during meetings: on the spot within 5 minutes."),
    )
    note = forms.CharField(label=_("What changed"), max_length=200, required=False)
    attachment = forms.FileField(label=_("Signed contract (scan)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["classification"] = classification_field(initial=1)

    def clean(self):
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("The end of validity must not be before its start."))
        return data


class SiteDocumentForm(CrispyForm):
    """A client training manual or technical document, with its first version."""

    submit_label = _("Upload")
    kind = forms.ChoiceField(label=_("Kind"), choices=SiteDocumentKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    attachment = forms.FileField(label=_("File"))
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["classification"] = classification_field(initial=1)
        self.order_fields(["kind", "title", "classification", "attachment", "note"])


class VersionForm(CrispyForm):
    submit_label = _("Upload the new version")
    attachment = forms.FileField(label=_("File"))
    note = forms.CharField(label=_("What changed"), max_length=200)


def _attendee_choices(user):
    people = get_user_model().objects.filter(is_active=True, profile__isnull=False)
    if not is_hr(user):
        people = people.filter(profile__department_id__in=supervised(user))
    return people.select_related("profile").order_by("profile__employee_no")


class TrainingForm(CrispyForm):
    """A planned training with its attendees."""

    submit_label = _("Plan the training")
    title = forms.CharField(label=_("Title"), max_length=200)
    topic = forms.CharField(label=_("Topic"), required=False, widget=text_area(3))
    site = forms.ModelChoiceField(
        label=_("Client site"), queryset=Site.objects.filter(is_active=True), required=False
    )
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DateTimeInput())
    hours = forms.DecimalField(label=_("Hours"), min_value=0.5, max_digits=5, decimal_places=1)
    place = forms.CharField(label=_("Place"), max_length=150, required=False)
    trainer = forms.CharField(label=_("Trainer"), max_length=100, required=False)
    attendees = people_field(_("Attendees"), many=True)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = _attendee_choices(user)
        self.fields["attendees"].widget = forms.CheckboxSelectMultiple()
        self.fields["attendees"].widget.choices = self.fields["attendees"].choices


class AttendanceForm(TransitionForm):
    """Who of the planned attendees attended the training."""

    present = people_field(_("Present"), many=True, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = self.obj.attendees.select_related("profile").order_by(
            "profile__employee_no"
        )
        self.fields["present"].widget = forms.CheckboxSelectMultiple()
        self.fields["present"].widget.choices = self.fields["present"].choices
        if not self.is_bound:
            self.initial["present"] = list(self.obj.attendees.values_list("pk", flat=True))
        self.order_fields(["present", "comment"])


class TrainingRecordForm(CrispyForm):
    """A training a person attended, with its certificate."""

    submit_label = _("Record the training")
    date = forms.DateField(label=_("Date"), widget=DateInput())
    topic = forms.CharField(label=_("Topic"), max_length=200)
    hours = forms.DecimalField(label=_("Hours"), min_value=0.5, max_digits=5, decimal_places=1)
    provider = forms.CharField(label=_("Given by"), max_length=150, required=False)
    attachment = forms.FileField(label=_("Certificate"), required=False)


class CertificateForm(CrispyForm):
    submit_label = _("Upload the certificate")
    attachment = forms.FileField(label=_("Certificate"))
