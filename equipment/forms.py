"""Forms of the equipment app (crispy, ``form_tag = False``: pages hold the <form>)."""

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from equipment import recurrence
from equipment.choices import ANTIVIRUS_CHECKS, AttachmentKind, Frequency, Outcome, PlanKind
from equipment.models import Equipment, MaintenancePlan
from equipment.permissions import is_admin, site_ids, venue_ids
from onsite.models import Site, Venue
from onsite.names import display_name


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def _helper():
    helper = FormHelper()
    helper.form_tag = False
    return helper


def places_for(user):
    """(sites, venues) a person may choose when recording equipment or plans."""
    if is_admin(user):
        return Site.objects.filter(is_active=True), Venue.objects.select_related("site")
    venues = Venue.objects.select_related("site").filter(
        pk__in=venue_ids(user)
    ) | Venue.objects.select_related("site").filter(site_id__in=site_ids(user))
    sites = Site.objects.filter(pk__in=site_ids(user)) | Site.objects.filter(
        venues__in=venue_ids(user)
    )
    return sites.distinct(), venues.distinct()


def _people():
    return get_user_model().objects.filter(is_active=True).order_by("last_name", "first_name")


class EquipmentForm(forms.ModelForm):
    class Meta:
        model = Equipment
        fields = [
            "site",
            "venue",
            "room",
            "name",
            "kind",
            "brand",
            "model_name",
            "serial",
            "installed_on",
            "warranty_until",
            "responsible",
            "configuration",
        ]
        widgets = {
            "installed_on": DateInput(),
            "warranty_until": DateInput(),
            "configuration": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        sites, venues = places_for(user)
        self.fields["site"].queryset = sites
        self.fields["venue"].queryset = venues
        self.fields["responsible"].queryset = _people()
        self.fields["responsible"].label_from_instance = display_name
        if self.instance.pk:
            self.fields["site"].disabled = True
        self.helper = _helper()

    def clean(self):
        data = super().clean()
        site, venue = data.get("site"), data.get("venue")
        if site and venue and venue.site_id != site.pk:
            self.add_error("venue", _("This venue is not at the chosen site."))
        return data


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=AttachmentKind.choices)
    file = forms.FileField(label=_("File"))
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class PlanForm(forms.ModelForm):
    class Meta:
        model = MaintenancePlan
        fields = [
            "title",
            "kind",
            "site",
            "venue",
            "equipment",
            "frequency",
            "interval",
            "rrule",
            "starts_on",
            "lead_days",
            "count_from",
            "holiday_shift",
            "checklist",
            "assignee",
            "is_active",
        ]
        widgets = {
            "starts_on": DateInput(),
            "checklist": forms.Textarea(attrs={"rows": 5}),
            "equipment": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "rrule": _("Only for a custom rule, e.g. FREQ=WEEKLY;BYDAY=MO,TH."),
            "checklist": _("One check per line (an antivirus plan has its own three checks)."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        sites, venues = places_for(user)
        self.fields["site"].queryset = sites
        self.fields["venue"].queryset = venues
        from onsite.permissions import visible

        self.fields["equipment"].queryset = (
            visible(user, Equipment).filter(status="in_service").select_related("site", "venue")
        )
        self.fields["assignee"].queryset = _people()
        self.fields["assignee"].label_from_instance = display_name
        self.helper = _helper()

    def clean(self):
        data = super().clean()
        if data.get("kind") != PlanKind.ANTIVIRUS and not (data.get("checklist") or "").strip():
            self.add_error("checklist", _("Write at least one check, one per line."))
        if data.get("frequency") and data.get("starts_on"):
            try:
                recurrence.validate(
                    data["frequency"],
                    data.get("interval") or 1,
                    data.get("rrule"),
                    data["starts_on"],
                )
            except recurrence.RecurrenceError as error:
                field = "rrule" if data["frequency"] == Frequency.RRULE else "frequency"
                self.add_error(field, str(error))
        return data


class FaultForm(forms.Form):
    title = forms.CharField(label=_("What is wrong"), max_length=200)
    client_reported_at = forms.DateTimeField(
        label=_("Client reported at"),
        widget=DateTimeInput(),
        required=False,
        help_text=_("Leave empty for now."),
    )
    description = forms.CharField(
        label=_("Details"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class FaultTimeForm(forms.Form):
    """Respond / fix: a comment (what was done, required to fix) and when, if earlier."""

    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    at = forms.DateTimeField(
        label=_("When"), required=False, widget=DateTimeInput(), help_text=_("Leave empty for now.")
    )

    def __init__(self, *args, obj=None, user=None, required=False, **kwargs):
        super().__init__(*args, **kwargs)
        if required:
            self.fields["comment"].required = True
            self.fields["comment"].label = _("What was done")
        self.helper = _helper()


class FixForm(FaultTimeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, required=True, **kwargs)


class InspectionForm(forms.Form):
    """One block per device and check: passed / failed / n/a, a note, a photo (and for an
    antivirus plan the number of threats found)."""

    comment = forms.CharField(
        label=_("Overall note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = lines
        threat_check = str(ANTIVIRUS_CHECKS[2])
        for index, (_device, check) in enumerate(lines):
            self.fields[f"o{index}"] = forms.ChoiceField(
                label=check,
                choices=Outcome.choices,
                widget=forms.RadioSelect(attrs={"class": "btn-check"}),
                initial=Outcome.PASS,
            )
            self.fields[f"n{index}"] = forms.CharField(
                label=_("Note"), required=False, max_length=300
            )
            self.fields[f"p{index}"] = forms.ImageField(label=_("Photo"), required=False)
            if check == threat_check:
                self.fields[f"t{index}"] = forms.IntegerField(
                    label=_("Threats found"),
                    min_value=0,
                    required=False,
                    initial=0,
                    widget=forms.NumberInput(attrs={"class": "form-control form-control-sm"}),
                )
        self.helper = _helper()

    def blocks(self):
        """[(device, [(check, outcome, note, photo, threats fields)])] for the template."""
        grouped = []
        for index, (device, check) in enumerate(self.lines):
            fields = (
                check,
                self[f"o{index}"],
                self[f"n{index}"],
                self[f"p{index}"],
                self[f"t{index}"] if f"t{index}" in self.fields else None,
            )
            if grouped and grouped[-1][0] == device:
                grouped[-1][1].append(fields)
            else:
                grouped.append((device, [fields]))
        return grouped

    def clean(self):
        data = super().clean()
        for index in range(len(self.lines)):
            threats = data.get(f"t{index}")
            if threats:
                data[f"o{index}"] = Outcome.FAIL
                if not data.get(f"n{index}"):
                    data[f"n{index}"] = _("%(n)s threats found") % {"n": threats}
            if data.get(f"o{index}") == Outcome.FAIL and not data.get(f"n{index}"):
                self.add_error(f"n{index}", _("Say what is wrong."))
        return data

    def service_kwargs(self):
        from equipment.services import Line

        data = self.cleaned_data
        lines = [
            Line(
                equipment=device,
                check_name=check,
                outcome=data[f"o{index}"],
                note=data.get(f"n{index}") or "",
                photo=data.get(f"p{index}"),
                threats_found=data.get(f"t{index}"),
            )
            for index, (device, check) in enumerate(self.lines)
        ]
        return {"lines": lines, "comment": data.get("comment", "")}


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel (.xlsx) or CSV file"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class MonthForm(forms.Form):
    month = forms.DateField(
        label=_("Month"),
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        required=False,
    )

    def month_start(self):
        if self.is_valid() and self.cleaned_data.get("month"):
            return self.cleaned_data["month"].replace(day=1)
        return timezone.localdate().replace(day=1)
