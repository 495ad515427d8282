"""Forms of attendance. Workflow rules live in services; forms check shape and types."""

from datetime import date

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from attendance.choices import Compensation, ExportFormat, HalfDay
from attendance.models import (
    CheckInPolicy,
    HolidayCalendarDay,
    LeaveType,
    SiteDayOff,
    SiteSchedule,
)
from onsite.models import Department, Site


class _Crispy:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


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
        if start and end and (end, data.get("end_half")) < (start, data.get("start_half")):
            self.add_error("end_date", _("The end must be after the start."))
        elif (
            start
            and end
            and start == end
            and (data["start_half"], data["end_half"])
            == (
                HalfDay.PM,
                HalfDay.AM,
            )
        ):
            self.add_error("end_half", _("The end must be after the start."))
        return data


class CommentForm(_Crispy, forms.Form):
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, required=False, **kwargs):
        super().__init__(*args, **kwargs)
        if required:
            self.fields["comment"].required = True
            self.fields["comment"].label = _("Reason")


class HoursForm(_Crispy, forms.Form):
    minutes = forms.IntegerField(label=_("Minutes actually worked"), min_value=0, max_value=24 * 60)


class BulkDecisionForm(forms.Form):
    what = forms.ChoiceField(choices=[("overtime", "overtime"), ("leave", "leave")])
    action = forms.ChoiceField(choices=[(a, a) for a in ("approve", "reject", "file", "hr_reject")])
    ids = forms.TypedMultipleChoiceField(coerce=int, choices=[])
    comment = forms.CharField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The ids are checked by the services (scope and state), not by the form.
        self.fields["ids"].choices = [(v, v) for v in self.data.getlist("ids")]

    def clean(self):
        data = super().clean()
        if data.get("action") in ("reject", "hr_reject") and not data.get("comment", "").strip():
            raise forms.ValidationError(_("Give the reason for the rejection."))
        if (data.get("what"), data.get("action")) in (("leave", "file"), ("leave", "hr_reject")):
            raise forms.ValidationError(_("Leave has no HR step."))
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


class MonthForm(forms.Form):
    """Which month (and department or site) a summary or export covers."""

    month = forms.RegexField(
        regex=r"^\d{4}-(0[1-9]|1[0-2])$",
        required=False,
        label=_("Month"),
        widget=forms.DateInput(attrs={"type": "month"}),
    )
    department = forms.ModelChoiceField(
        queryset=Department.objects.all(),
        required=False,
        label=_("Department"),
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    site = forms.ModelChoiceField(
        queryset=Site.objects.all(),
        required=False,
        label=_("Site"),
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )

    def __init__(self, *args, departments=None, **kwargs):
        super().__init__(*args, **kwargs)
        if departments is not None:
            self.fields["department"].queryset = departments

    def year_month(self):
        value = self.is_valid() and self.cleaned_data.get("month")
        if value:
            year, month = value.split("-")
            return int(year), int(month)
        today = timezone.localdate()
        return today.year, today.month

    def month_start(self):
        year, month = self.year_month()
        return date(year, month, 1)


class ExportForm(MonthForm):
    format = forms.ChoiceField(
        choices=ExportFormat.choices,
        label=_("Format"),
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )


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
