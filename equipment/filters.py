"""List filters of the equipment app (django-filter)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from equipment.choices import EquipmentKind, EquipmentStatus, FaultStatus, PlanKind
from equipment.models import Equipment, Fault, MaintenancePlan


class _Search(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    search_fields = ()

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": value})
        return queryset.filter(condition)


class EquipmentFilter(_Search):
    search_fields = ("name", "brand", "model_name", "serial", "room", "site__name", "venue__name")
    kind = django_filters.ChoiceFilter(label=_("Type"), choices=EquipmentKind.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=EquipmentStatus.choices)

    class Meta:
        model = Equipment
        fields = ["site", "venue"]


class PlanFilter(_Search):
    search_fields = ("title", "site__name", "venue__name")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=PlanKind.choices)

    class Meta:
        model = MaintenancePlan
        fields = ["site", "venue"]


class FaultFilter(_Search):
    search_fields = ("title", "equipment__name", "equipment__serial")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=FaultStatus.choices)

    class Meta:
        model = Fault
        fields = ["equipment__site"]
