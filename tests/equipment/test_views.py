"""The pages: recording equipment, a plan with its recurrence checked on the form, due work
by person, site and venue, reporting a fault, a fault's response and fix."""

from datetime import date

import time_machine
from django.urls import reverse

from equipment.models import Equipment, Fault, Inspection, MaintenancePlan
from tests.equipment.helpers import at


def test_staff_record_equipment_at_their_site_from_the_form(cast, login):
    response = login(cast.staff).post(
        reverse("equipment:equipment_create"),
        {
            "site": cast.site.pk,
            "venue": cast.venue.pk,
            "name": "无线话筒接收机",
            "kind": "av",
            "serial": "W-1",
        },
    )
    device = Equipment.objects.get(serial="W-1")
    assert response.status_code == 302 and response.url == device.get_absolute_url()
    assert device.registered_by == cast.staff


def test_a_plan_form_refuses_a_bad_rrule_and_saves_a_good_one_with_its_first_inspection(
    cast, eq, login
):
    client = login(cast.manager)
    data = {
        "title": "显示屏周检",
        "kind": "inspection",
        "site": cast.site.pk,
        "venue": cast.venue.pk,
        "equipment": [eq.pc1.pk],
        "frequency": "rrule",
        "interval": 1,
        "rrule": "FREQ=HOURLY",
        "starts_on": "2026-12-01",
        "lead_days": 2,
        "count_from": "schedule",
        "holiday_shift": "later",
        "checklist": "画面正常",
        "is_active": "on",
    }
    refused = client.post(reverse("equipment:plan_create"), data)
    assert refused.status_code == 400 and "rrule" in refused.context["form"].errors
    data["rrule"] = "FREQ=WEEKLY;BYDAY=TH"
    saved = client.post(reverse("equipment:plan_create"), data)
    plan = MaintenancePlan.objects.get(title="显示屏周检")
    assert saved.status_code == 302
    assert Inspection.objects.get(plan=plan).due_on == date(2026, 12, 3)


@time_machine.travel(at(date(2026, 12, 1)), tick=False)
def test_due_work_is_listed_by_person_site_and_venue(cast, eq, login):
    client = login(cast.staff)
    groups = {
        key: rows
        for key, _label, rows, _total in client.get(reverse("equipment:due_list")).context["groups"]
    }
    assert [i.plan for i in groups["today"]] == [eq.plan]
    other_venue = client.get(
        reverse("equipment:due_list"), {"venue": "99999", "who": "all"}
    ).context["groups"]
    assert all(not rows and not total for _key, _label, rows, total in other_venue)
    week = client.get(reverse("equipment:due_calendar"), {"week": "2026-12-01"}).context["days"]
    assert [entry.plan for entry in dict(week)[date(2026, 12, 1)]] == [eq.plan]


def test_a_fault_is_reported_responded_to_and_fixed_from_its_pages(cast, eq, login):
    client = login(cast.staff)
    client.post(
        reverse("equipment:fault_report", args=[eq.mixer.pk]), {"title": "啸叫", "description": ""}
    )
    fault = Fault.objects.get()
    client.post(reverse("equipment:fault_action", args=[fault.pk, "respond"]), {"comment": ""})
    refused = client.post(
        reverse("equipment:fault_action", args=[fault.pk, "fix"]), {"comment": ""}
    )
    assert refused.status_code == 400
    client.post(reverse("equipment:fault_action", args=[fault.pk, "fix"]), {"comment": "调整增益"})
    fault.refresh_from_db()
    assert fault.status == "fixed" and fault.work_done == "调整增益"
    page = client.get(fault.get_absolute_url()).content.decode()
    assert "调整增益" in page and 'data-action="close"' not in page
