"""Factories of the equipment tests."""

from datetime import date

import factory

from equipment.choices import EquipmentKind, Frequency, PlanKind
from equipment.models import Equipment, Inspection, MaintenancePlan
from tests.factories import SiteFactory


class EquipmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Equipment

    site = factory.SubFactory(SiteFactory)
    name = factory.Sequence(lambda n: f"设备{n}")
    kind = EquipmentKind.COMPUTER
    brand = "联想"
    model_name = "M720"
    serial = factory.Sequence(lambda n: f"SN{n:06d}")


class PlanFactory(factory.django.DjangoModelFactory):
    """A plan without its first inspection (``make_plan`` saves one through the service)."""

    class Meta:
        model = MaintenancePlan
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"月度巡检{n}")
    kind = PlanKind.INSPECTION
    site = factory.SubFactory(SiteFactory)
    frequency = Frequency.MONTHLY
    starts_on = date(2026, 12, 1)
    lead_days = 3
    checklist = "外观完好\n运行正常"

    @factory.post_generation
    def devices(self, create, extracted, **kwargs):
        if create and extracted:
            self.equipment.set(extracted)


def make_plan(actor, devices, **fields):
    """A plan saved through the service (its first inspection scheduled)."""
    from equipment import services

    site = devices[0].site
    plan = PlanFactory.build(site=site, **fields)
    return services.save_plan(actor, plan, devices)


def open_inspection(plan):
    return Inspection.objects.get(plan=plan, status="due")
