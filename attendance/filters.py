"""List filters of attendance (django-filter), all by month: ``?month=2026-11``.

A missing or malformed month means this month. Departments and sites offered are those
the person may see: all of them company-wide, a supervisor's own departments and the sites
their staff are assigned to.
"""

from datetime import date

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from attendance.choices import CorrectionStatus, LeaveStatus, OvertimeStatus
from attendance.forms import MONTH, row_helper
from attendance.holidays import month_range
from attendance.models import LeaveRequest, OvertimeRequest, PunchCorrection
from attendance.summary import assigned_during
from onsite.models import Department, Site
from onsite.permissions import is_company_wide, supervised_department_ids

REQUEST_KINDS = [
    ("overtime", _("Overtime")),
    ("leave", _("Leave")),
    ("correction", _("Missed punches")),
]


class MonthField(forms.RegexField):
    """``2026-11`` → the first day of that month."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "month"}))
        super().__init__(MONTH, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        year, month = MONTH.match(value).groups()
        return date(int(year), int(month), 1)


def month_of(data):
    """The first day of ``data["month"]``, or of this month if it is missing or malformed."""
    match = MONTH.match(str(data.get("month") or ""))
    if match is None:
        return timezone.localdate().replace(day=1)
    return date(int(match.group(1)), int(match.group(2)), 1)


class MonthFilter(django_filters.Filter):
    field_class = MonthField


class FilterForm(forms.Form):
    """The form of every attendance filter: one row of small fields and a Show button."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = row_helper(self, _("Show"))


class MonthFilterSet(django_filters.FilterSet):
    """A list of one month; ``first`` and ``last`` are its days."""

    month = MonthFilter(label=_("Month"), method="filter_month")

    class Meta:
        form = FilterForm

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else QueryDict(mutable=True)
        if not MONTH.match(str(data.get("month") or "")):
            data["month"] = f"{timezone.localdate():%Y-%m}"
        super().__init__(data, *args, **kwargs)

    @property
    def first(self):
        self.form.is_valid()
        return self.form.cleaned_data["month"]

    @property
    def last(self):
        return month_range(self.first.year, self.first.month)[1]

    @property
    def cleaned(self):
        """The valid filter values (invalid ones are ignored, and shown on the form)."""
        self.form.is_valid()
        return self.form.cleaned_data


# --- Requests (the request list) -----------------------------------------------------------
class _RequestFilter(MonthFilterSet):
    kind = django_filters.ChoiceFilter(
        choices=REQUEST_KINDS, widget=forms.HiddenInput, method="filter_kind"
    )
    what = ""

    def filter_kind(self, queryset, name, value):
        """The list shows one kind of request: this filter's own (``what``), or nothing."""
        return queryset if value == self.what else queryset.none()


class OvertimeRequestFilter(_RequestFilter):
    status = django_filters.ChoiceFilter(choices=OvertimeStatus.choices, label=_("Status"))
    what = "overtime"

    class Meta(MonthFilterSet.Meta):
        model = OvertimeRequest
        fields = []

    def filter_month(self, queryset, name, first):
        return queryset.filter(date__gte=first, date__lte=self.last)


class LeaveRequestFilter(_RequestFilter):
    status = django_filters.ChoiceFilter(choices=LeaveStatus.choices, label=_("Status"))
    what = "leave"

    class Meta(MonthFilterSet.Meta):
        model = LeaveRequest
        fields = []

    def filter_month(self, queryset, name, first):
        """Leave overlapping the month."""
        return queryset.filter(start_date__lte=self.last, end_date__gte=first)


class CorrectionRequestFilter(_RequestFilter):
    status = django_filters.ChoiceFilter(choices=CorrectionStatus.choices, label=_("Status"))
    what = "correction"

    class Meta(MonthFilterSet.Meta):
        model = PunchCorrection
        fields = []

    def filter_month(self, queryset, name, first):
        return queryset.filter(date__gte=first, date__lte=self.last)


REQUEST_FILTERS = {
    "overtime": OvertimeRequestFilter,
    "leave": LeaveRequestFilter,
    "correction": CorrectionRequestFilter,
}


def request_filter(data, queryset_of):
    """The filter of ``?kind=`` (overtime unless it names another kind) over
    ``queryset_of(model)``."""
    data = data.copy()
    kind = data.get("kind") if data.get("kind") in REQUEST_FILTERS else "overtime"
    data["kind"] = kind
    filterset = REQUEST_FILTERS[kind]
    return filterset(data, queryset=queryset_of(filterset._meta.model))


# --- Staff (team month, monthly summary, unapproved overtime) --------------------------------
class _ListedIterator(forms.models.ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.field.listed():
            yield self.choice(obj)

    def __len__(self):
        return len(self.field.listed()) + (self.field.empty_label is not None)


class ListedChoiceField(forms.ModelChoiceField):
    """A model choice whose options are read once (one query) for both the list shown and
    the value checked, where a plain one reads them twice."""

    iterator = _ListedIterator

    def listed(self):
        if getattr(self, "_listed", None) is None:
            self._listed = list(self.queryset)
        return self._listed

    def __deepcopy__(self, memo):
        result = super().__deepcopy__(memo)
        result._listed = None
        return result

    def to_python(self, value):
        if value in self.empty_values:
            return None
        key = self.to_field_name or "pk"
        for obj in self.listed():
            if str(getattr(obj, key)) == str(value):
                return obj
        raise forms.ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )


class ListedChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = ListedChoiceField


def _departments(request):
    if request is None:
        return Department.objects.none()
    if is_company_wide(request.user):
        return Department.objects.all()
    return Department.objects.filter(pk__in=supervised_department_ids(request.user))


def _sites(request):
    if request is None:
        return Site.objects.none()
    if is_company_wide(request.user):
        return Site.objects.all()
    departments = supervised_department_ids(request.user)
    return Site.objects.filter(assignments__user__profile__department_id__in=departments).distinct()


class StaffMonthFilter(MonthFilterSet):
    """People of a month's list, by department or by the site they were assigned to."""

    department = ListedChoiceFilter(
        queryset=_departments, field_name="profile__department", label=_("Department")
    )
    site = ListedChoiceFilter(queryset=_sites, method="filter_site", label=_("Client site"))

    class Meta(MonthFilterSet.Meta):
        model = get_user_model()
        fields = []

    def filter_month(self, queryset, name, first):
        """The month chooses the days shown, not the people."""
        return queryset

    def filter_site(self, queryset, name, site):
        return assigned_during(queryset, site, self.first, self.last)
