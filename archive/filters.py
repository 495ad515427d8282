"""List filters of the archive (django-filter), one per list page.

``ItemFilter`` is also what the registers and the background exports filter with, so a
register shows exactly the rows of the list it was asked from.
"""

import re

import django_filters
from django.db.models import Q
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from archive.choices import (
    OPEN_LOAN_STATES,
    DestructionStatus,
    DiscrepancyStatus,
    LoanStatus,
    Medium,
)
from archive.models import Collection, Destruction, Discrepancy, Item, Loan
from onsite.models import AuditEntry
from onsite.permissions import visible
from onsite.widgets import QuickSelect

# "COL-00012": a collection's code and an item's number, as the item's reference reads.
REFERENCE = re.compile(r"(?P<code>[\w-]+)-(?P<number>\d{1,9})")


def _select(label):
    return QuickSelect(attrs={"class": "form-select", "aria-label": label})


class _ShowFilterSet(django_filters.FilterSet):
    """A filter set with a ``show`` choice that falls back to ``default_show`` when the
    parameter is missing or unknown (so an old or hand-typed link still shows a list)."""

    default_show = ""

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else QueryDict(mutable=True)
        known = [str(value) for value, _label in self.base_filters["show"].extra["choices"]]
        if data.get("show", "") not in known:
            data["show"] = self.default_show
        super().__init__(data, *args, **kwargs)

    @property
    def show(self):
        return self.data.get("show", "")

    def show_choices(self):
        return self.base_filters["show"].extra["choices"]


class ItemFilter(django_filters.FilterSet):
    """The item search: words (title, meeting, location, description, or a reference like
    COL-00012), a collection, a medium; over the items ``user`` may see."""

    q = django_filters.CharFilter(label=_("Search"), method="search")
    collection = django_filters.ModelChoiceFilter(
        label=_("Collection"),
        queryset=Collection.objects.none(),
        empty_label=_("All collections"),
        widget=_select(_("Collection")),
    )
    medium = django_filters.ChoiceFilter(
        label=_("Medium"),
        choices=Medium.choices,
        empty_label=_("All media"),
        widget=_select(_("Medium")),
    )

    class Meta:
        model = Item
        fields = []

    def __init__(self, data=None, queryset=None, *, user, **kwargs):
        if queryset is None:
            queryset = visible(user, Item)
        super().__init__(data or None, queryset, **kwargs)
        self.filters["collection"].queryset = visible(user, Collection)

    def search(self, queryset, name, value):
        query = value.strip()
        if not query:
            return queryset
        reference = REFERENCE.fullmatch(query)
        by_reference = (
            Q(collection__code__iexact=reference["code"], pk=int(reference["number"]))
            if reference
            else Q(pk__in=[])
        )
        return queryset.filter(
            by_reference
            | Q(title__icontains=query)
            | Q(meeting__icontains=query)
            | Q(location__icontains=query)
            | Q(description__icontains=query)
        )

    @property
    def query(self):
        return (self.data.get("q") or "").strip()


LOAN_QUEUE = {
    "open": Q(status__in=OPEN_LOAN_STATES),
    "requested": Q(status=LoanStatus.REQUESTED),
    "approved": Q(status=LoanStatus.APPROVED),
    "out": Q(status__in=(LoanStatus.HANDED_OVER, LoanStatus.ACCESS)),
    "all": Q(),
}


class LoanQueueFilter(_ShowFilterSet):
    """The custodian's and leader's loan queue: what is left to do, out, overdue, all."""

    default_show = "open"
    show = django_filters.ChoiceFilter(
        label=_("Show"),
        method="filter_show",
        empty_label=None,
        choices=[
            ("open", _("Not finished")),
            ("requested", _("To decide")),
            ("approved", _("To hand over")),
            ("out", _("Out")),
            ("overdue", _("Overdue")),
            ("all", _("All")),
        ],
    )

    class Meta:
        model = Loan
        fields = []

    def filter_show(self, queryset, name, value):
        if value == "overdue":
            return queryset.filter(
                status=LoanStatus.HANDED_OVER, return_by__lt=timezone.localdate()
            )
        return queryset.filter(LOAN_QUEUE[value])


class DestructionFilter(_ShowFilterSet):
    """Destructions by status (all by default)."""

    show = django_filters.ChoiceFilter(
        label=_("Status"),
        field_name="status",
        choices=[("", _("All")), *DestructionStatus.choices],
        empty_label=None,
    )

    class Meta:
        model = Destruction
        fields = []


class DiscrepancyFilter(_ShowFilterSet):
    """Discrepancies: open ones by default, resolved ones, or all."""

    default_show = DiscrepancyStatus.OPEN
    show = django_filters.ChoiceFilter(
        label=_("Status"),
        method="filter_show",
        empty_label=None,
        choices=[*DiscrepancyStatus.choices, ("all", _("All"))],
    )

    class Meta:
        model = Discrepancy
        fields = []

    def filter_show(self, queryset, name, value):
        return queryset if value == "all" else queryset.filter(status=value)


class AccessLogFilter(django_filters.FilterSet):
    """Who opened which item page or file: a person's name or an item's words."""

    q = django_filters.CharFilter(label=_("Search"), method="search")

    class Meta:
        model = AuditEntry
        fields = []

    def search(self, queryset, name, value):
        query = value.strip()
        if not query:
            return queryset
        return queryset.filter(
            Q(actor__username__icontains=query)
            | Q(actor__last_name__icontains=query)
            | Q(actor__first_name__icontains=query)
            | Q(object_repr__icontains=query)
        )

    @property
    def query(self):
        return (self.data.get("q") or "").strip()
