"""Forms of attendance (crispy). Workflow rules live in services; forms check shape and types.

The comment of a decision is the core's ``onsite.forms.CommentForm``.
"""

import re

from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from attendance.choices import (
    QUEUE_SECTIONS,
    REQUEST_FLOWS,
    Compensation,
    ExportFormat,
    HalfDay,
    PunchKind,
)
from attendance.models import (
    CheckInPolicy,
    HolidayCalendarDay,
    LeaveType,
    SiteDayOff,
    SiteSchedule,
)
from onsite.models import Department, Site
from onsite.widgets import quick_select

# A month as ``?month=2026-11`` (the value of an ``<input type="month">``).
MONTH = re.compile(r"^((?:19|20)\d\d)-(0[1-9]|1[0-2])$")


class _Crispy:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


def row_helper(form, button, *, method="get", action=""):
    """A crispy helper laying ``form`` out as one row of small fields and a submit button
    (list filters: ``method="get"``; a POST form gets its CSRF token from crispy)."""
    helper = FormHelper(form)
    helper.form_method = method
    helper.form_action = action
    helper.disable_csrf = method == "get"
    helper.label_class = "small"
    # A lean field template (label, input or select, its errors): the filter row is on
    # every month list, and Bootstrap's general one costs more than the rest of the page.
    helper.field_template = "includes/row_field.html"
    hidden, shown = [], []
    for name, field in form.fields.items():
        if field.widget.is_hidden:
            hidden.append(name)
            continue
        quick_select(field)
        size = "form-select-sm" if isinstance(field.widget, forms.Select) else "form-control-sm"
        field.widget.attrs["class"] = f"{field.widget.attrs.get('class', '')} {size}".strip()
        shown.append(Column(name, css_class="col-6 col-md"))
    style = "btn-outline-primary" if method == "get" else "btn-primary"
    submit = StrictButton(button, type="submit", css_class=f"btn btn-sm {style} w-100")
    helper.layout = Layout(
        *hidden,
        Row(
            *shown,
            Column(submit, css_class="col-12 col-md-2 mb-3"),
            css_class="g-2 align-items-end",
        ),
    )
    return helper


class OvertimeForm(_Crispy, forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}))
    end_time = forms.TimeField(label=_("Until"), widget=forms.TimeInput(attrs={"type": "time"}))
    site = forms.ModelChoiceField(label=_("Client site"), queryset=Site.objects.none())
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
    compensation = forms.ChoiceField(
        label=_("Compensation"),
        choices=Compensation.choices,
        initial=Compensation.PAY,
        help_text=_("Only rest-day overtime can be taken as compensatory leave."),
    )
    late_reason = forms.CharField(
        label=_("Reason for asking late"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when the overtime has already started."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = Site.objects.filter(assignments__user=user).distinct()

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The end must be after the start."))
        return data


class LeaveForm(_Crispy, forms.Form):
    leave_type = forms.ModelChoiceField(
        label=_("Leave type"), queryset=LeaveType.objects.filter(is_active=True)
    )
    start_date = forms.DateField(
        label=_("First day"), widget=forms.DateInput(attrs={"type": "date"})
    )
    start_half = forms.ChoiceField(label=_("Starting"), choices=HalfDay.choices, initial=HalfDay.AM)
    end_date = forms.DateField(label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"}))
    end_half = forms.ChoiceField(label=_("Ending"), choices=HalfDay.choices, initial=HalfDay.PM)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        halves = data.get("start_half"), data.get("end_half")
        if not (start and end and all(halves)):
            return data  # a field error is shown already
        if end < start:
            self.add_error("end_date", _("The end must be after the start."))
        elif start == end and halves == (HalfDay.PM, HalfDay.AM):
            self.add_error("end_half", _("The end must be after the start."))
        return data


class HoursForm(_Crispy, forms.Form):
    minutes = forms.IntegerField(label=_("Minutes actually worked"), min_value=0, max_value=24 * 60)


class BulkDecisionForm(_Crispy, forms.Form):
    """One decision on several requests of the approval queue (``QUEUE_SECTIONS``)."""

    what = forms.ChoiceField(choices=[(key, key) for key in REQUEST_FLOWS])
    action = forms.ChoiceField(
        choices=sorted(
            {(name, name) for section in QUEUE_SECTIONS for name, _label in section.actions}
        )
    )
    ids = forms.TypedMultipleChoiceField(coerce=int, choices=[])
    comment = forms.CharField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Whether each id may be seen and decided is checked by the view and the services.
        self.fields["ids"].choices = [(v, v) for v in self.data.getlist("ids")]

    def clean(self):
        data = super().clean()
        what, action = data.get("what"), data.get("action")
        if what is None or action is None:
            return data
        offered = {name for s in QUEUE_SECTIONS if s.what == what for name, _label in s.actions}
        if action not in offered:
            raise forms.ValidationError(_("This decision is not made from the queue."))
        move = REQUEST_FLOWS[what].transition(action)
        if move.comment_required and not data.get("comment", "").strip():
            raise forms.ValidationError(_("Give the reason for the rejection."))
        return data


class CalendarDayForm(_Crispy, forms.ModelForm):
    class Meta:
        model = HolidayCalendarDay
        fields = ["date", "kind", "name"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}

    def validate_unique(self):
        """Saving a date that has a row replaces it (the service updates it)."""


class LeaveTypeForm(_Crispy, forms.ModelForm):
    class Meta:
        model = LeaveType
        fields = [
            "code",
            "name",
            "yearly_allowance",
            "allow_negative",
            "is_compensatory",
            "is_active",
        ]


class ExportForm(forms.Form):
    """A month of attendance (the whole company, a department or a site) to make."""

    month = forms.RegexField(
        regex=MONTH,
        label=_("Month"),
        widget=forms.DateInput(attrs={"type": "month"}),
    )
    department = forms.ModelChoiceField(
        queryset=Department.objects.all(), required=False, label=_("Department")
    )
    site = forms.ModelChoiceField(
        queryset=Site.objects.all(), required=False, label=_("Client site")
    )
    format = forms.ChoiceField(
        choices=[*ExportFormat.choices, ("detail", _("PDF, day by day (check-in times)"))],
        label=_("Format"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = row_helper(
            self, _("Start export"), method="post", action="attendance:export_start"
        )

    def service_kwargs(self):
        data = self.cleaned_data
        year, month = (int(part) for part in data["month"].split("-"))
        return {
            "year": year,
            "month": month,
            "fmt": data["format"],
            "department": data.get("department"),
            "site": data.get("site"),
        }


class AllowanceForm(_Crispy, forms.Form):
    """HR sets one person's allowance of a leave type for a year."""

    employee_no = forms.CharField(label=_("Employee number"), max_length=20)
    leave_type = forms.ModelChoiceField(
        label=_("Leave type"), queryset=LeaveType.objects.filter(is_compensatory=False)
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    days = forms.DecimalField(
        label=_("Days"), min_value=0, max_value=366, max_digits=5, decimal_places=1
    )

    def clean_employee_no(self):
        from onsite.models import StaffProfile

        number = self.cleaned_data["employee_no"].strip()
        profile = StaffProfile.objects.select_related("user").filter(employee_no=number).first()
        if profile is None:
            raise forms.ValidationError(_("Nobody has this employee number."))
        self.cleaned_data["user"] = profile.user
        return number


class ScheduleForm(_Crispy, forms.ModelForm):
    class Meta:
        model = SiteSchedule
        fields = [
            "valid_from",
            "weekdays",
            "start_time",
            "end_time",
            "grace_minutes",
            "follows_national_calendar",
        ]
        widgets = {
            "valid_from": forms.DateInput(attrs={"type": "date"}),
            "start_time": forms.TimeInput(attrs={"type": "time"}),
            "end_time": forms.TimeInput(attrs={"type": "time"}),
        }


class DayOffForm(_Crispy, forms.ModelForm):
    class Meta:
        model = SiteDayOff
        fields = ["date", "reason"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}


class PolicyForm(_Crispy, forms.ModelForm):
    class Meta:
        model = CheckInPolicy
        fields = ["allowed_networks", "latitude", "longitude", "radius_metres"]
        widgets = {"allowed_networks": forms.Textarea(attrs={"rows": 3})}


def _sane_date(value):
    """A date a person could mean (refuses years like 0001 or 9999 before any work)."""
    from datetime import date

    if value and not date(2000, 1, 1) <= value <= date(2100, 12, 31):
        raise forms.ValidationError(_("Give a date between 2000 and 2100."))
    return value


class CorrectionForm(_Crispy, forms.Form):
    """A missed check-in or check-out: the day, which punch, the time it really was, why."""

    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}), validators=[_sane_date]
    )
    kind = forms.ChoiceField(label=_("Missed punch"), choices=PunchKind.choices)
    time = forms.TimeField(label=_("Actual time"), widget=forms.TimeInput(attrs={"type": "time"}))
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why the punch was missed, and who can confirm the time."),
    )


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, person):
        from onsite.names import display_name

        number = getattr(getattr(person, "profile", None), "employee_no", "")
        return f"{display_name(person)} ({number})" if number else display_name(person)


class DeputyForm(_Crispy, forms.Form):
    """A deputy for a date range (HR also chooses whose deputy)."""

    supervisor = PersonChoiceField(label=_("Supervisor"), queryset=None)
    deputy = PersonChoiceField(label=_("Deputy"), queryset=None)
    start_date = forms.DateField(
        label=_("First day"),
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[_sane_date],
    )
    end_date = forms.DateField(
        label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"}), validators=[_sane_date]
    )
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)

    def __init__(self, *args, user, choose_supervisor, **kwargs):
        from django.contrib.auth import get_user_model

        from onsite.choices import Role

        super().__init__(*args, **kwargs)
        people = (
            get_user_model()
            .objects.filter(is_active=True, profile__isnull=False)
            .select_related("profile")
            .order_by("profile__employee_no")
        )
        self.fields["deputy"].queryset = people
        if choose_supervisor:
            self.fields["supervisor"].queryset = people.filter(groups__name=Role.SUPERVISOR)
        else:
            del self.fields["supervisor"]
            self.fields["deputy"].queryset = people.exclude(pk=user.pk)
        self.user = user

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The last day must not be before the first."))
        return data

    def service_kwargs(self):
        data = dict(self.cleaned_data)
        data.setdefault("supervisor", self.user)
        return data


class RulesForm(_Crispy, forms.Form):
    """The attendance rules HR sets."""

    corrections_per_month = forms.IntegerField(
        label=_("Missed-punch corrections a month"),
        min_value=0,
        max_value=31,
        help_text=_("How many missed check-ins or check-outs one person may correct a month."),
    )
