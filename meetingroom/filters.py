"""List filters of the meeting rooms (django-filter)."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from meetingroom.choices import DenialReason, EntryStatus, VisitStatus
from meetingroom.models import AccessEntry, DeniedAttempt, Visit


def _date_widget():
    return forms.DateInput(attrs={"type": "date"})


class _Styled(django_filters.FilterSet):
    """Bootstrap classes on every filter field, so the form fits a phone."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            select = isinstance(field.widget, forms.Select)
            field.widget.attrs.setdefault(
                "class", "form-select form-select-sm" if select else "form-control form-control-sm"
            )
            field.widget.attrs.setdefault("aria-label", str(field.label))


class _Period(_Styled):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    day_from = django_filters.DateFilter(label=_("From"), method="since", widget=_date_widget())
    day_to = django_filters.DateFilter(label=_("To"), method="until", widget=_date_widget())
    time_field = "entered_at"

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(organisation__icontains=value))

    def since(self, queryset, name, value):
        return queryset.filter(**{f"{self.time_field}__date__gte": value})

    def until(self, queryset, name, value):
        return queryset.filter(**{f"{self.time_field}__date__lte": value})


class AccessLogFilter(_Period):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=EntryStatus.choices)

    class Meta:
        model = AccessEntry
        fields = ["status"]


class DenialFilter(_Period):
    reason = django_filters.ChoiceFilter(
        label=pgettext_lazy("meetingroom", "Reason"), choices=DenialReason.choices
    )
    time_field = "attempted_at"

    class Meta:
        model = DeniedAttempt
        fields = ["reason"]


class VisitFilter(_Styled):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=VisitStatus.choices)

    class Meta:
        model = Visit
        fields = ["status"]
