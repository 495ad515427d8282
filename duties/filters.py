"""List filters of the duties app (django-filter)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from duties.choices import (
    ClientRequestStatus,
    CustodyStatus,
    ReceiptStatus,
    ReportKind,
    TaskStatus,
    VPRequestStatus,
)
from duties.models import ClientRequest, Custody, Receipt, Task, VPRequest, WorkReport


def _search_people(queryset, prefix, value):
    value = value.strip()
    if not value:
        return queryset
    return queryset.filter(
        Q(**{f"{prefix}__last_name__icontains": value})
        | Q(**{f"{prefix}__first_name__icontains": value})
        | Q(**{f"{prefix}__username__icontains": value})
        | Q(**{f"{prefix}__profile__employee_no__icontains": value})
    )


class ReceiptFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ReceiptStatus.choices, empty_label=_("Everyone")
    )
    q = django_filters.CharFilter(label=_("Name or number"), method="search")

    class Meta:
        model = Receipt
        fields = ["status"]

    def search(self, queryset, name, value):
        return _search_people(queryset, "recipient", value)


class MyReceiptFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ReceiptStatus.choices, empty_label=_("All")
    )

    class Meta:
        model = Receipt
        fields = ["status"]


class ReportFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=ReportKind.choices, empty_label=_("All")
    )
    start = django_filters.DateFilter(label=_("From"), field_name="period_start", lookup_expr="gte")
    end = django_filters.DateFilter(label=_("To"), field_name="period_start", lookup_expr="lte")
    q = django_filters.CharFilter(label=_("Name or number"), method="search")

    class Meta:
        model = WorkReport
        fields = ["kind"]

    def search(self, queryset, name, value):
        return _search_people(queryset, "author", value)


class TaskFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=TaskStatus.choices, empty_label=_("All")
    )
    q = django_filters.CharFilter(label=_("Name or number"), method="search")

    class Meta:
        model = Task
        fields = ["status"]

    def search(self, queryset, name, value):
        return _search_people(queryset, "assignee", value)


class ClientRequestFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ClientRequestStatus.choices, empty_label=_("All")
    )

    class Meta:
        model = ClientRequest
        fields = ["status"]


class CustodyFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=CustodyStatus.choices, empty_label=_("All")
    )
    q = django_filters.CharFilter(label=_("Name or number"), method="search")

    class Meta:
        model = Custody
        fields = ["status"]

    def search(self, queryset, name, value):
        return _search_people(queryset, "holder", value)


class VPRequestFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=VPRequestStatus.choices, empty_label=_("All")
    )

    class Meta:
        model = VPRequest
        fields = ["status"]
