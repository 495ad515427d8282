"""The equipment's daily pages run the same queries for 5 and for 50 rows, at most 15 with
the signed-in overhead (issue 13)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from equipment.models import Fault, Inspection
from tests.equipment.factories import EquipmentFactory, make_plan
from tests.query_pins import pinned


def _devices(cast, n):
    return [EquipmentFactory(site=cast.site, venue=cast.venue) for _ in range(n)]


def _plans(cast):
    def add(n):
        for number, device in enumerate(_devices(cast, n)):
            assignee = cast.staff if number % 2 else None
            make_plan(cast.admin, [device], venue=cast.venue, assignee=assignee)

    return add


def _faults(cast):
    def add(n):
        for device in _devices(cast, n):
            Fault.objects.create(
                equipment=device,
                title="投影仪无信号",
                client_reported_at=timezone.now(),
                reported_by=cast.staff,
            )

    return add


@pytest.mark.parametrize("role", ["staff", "manager", "admin"])
def test_the_inventory(cast, login, role):
    url = reverse("equipment:equipment_list")
    pinned(login(getattr(cast, role)), url, lambda n: _devices(cast, n))


@pytest.mark.parametrize("role", ["staff", "manager", "admin"])
def test_the_due_inspections(cast, login, role):
    pinned(login(getattr(cast, role)), reverse("equipment:due_list"), _plans(cast))


def test_the_plans(cast, login):
    pinned(login(cast.manager), reverse("equipment:plan_list"), _plans(cast))


@pytest.mark.parametrize("role", ["staff", "manager", "admin"])
def test_the_faults(cast, login, role):
    pinned(login(getattr(cast, role)), reverse("equipment:fault_list"), _faults(cast))


def test_the_due_inspections_come_a_page_at_a_time_with_their_counts(cast, login, settings):
    settings.ONSITE_PAGE_SIZE = 10
    _plans(cast)(12)
    Inspection.objects.update(due_on=timezone.localdate() - timedelta(days=1))
    client = login(cast.manager)
    first = client.get(reverse("equipment:due_list"), {"who": "all"})
    groups = {key: (rows, total) for key, _label, rows, total in first.context["groups"]}
    assert len(groups["overdue"][0]) == 10 and groups["overdue"][1] == 12
    second = client.get(reverse("equipment:due_list"), {"who": "all", "page": 2})
    groups = {key: (rows, total) for key, _label, rows, total in second.context["groups"]}
    assert len(groups["overdue"][0]) == 2 and groups["overdue"][1] == 12
