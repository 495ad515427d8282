"""Equipment at scale (``manage.py seed_scale``; see ``onsite.scale``).

Two devices per staff member at their sites (1,000 at 500 staff), one maintenance plan per
25 staff at each site (weekly, monthly or quarterly, each on a few devices) with a year of
inspections (most done, some missed, the next one due), and a fault per two staff members
in every state.
"""

from datetime import datetime, timedelta
from datetime import time as clock

from django.urls import reverse
from django.utils import timezone

from equipment.choices import (
    EquipmentKind,
    FaultStatus,
    Frequency,
    InspectionStatus,
    PlanKind,
)
from equipment.models import Equipment, Fault, Inspection, MaintenancePlan

BATCH = 2000
DEVICES_PER_STAFF = 2
STAFF_PER_PLAN, DEVICES_PER_PLAN = 25, 4
PLAN_KINDS = [
    (PlanKind.INSPECTION, Frequency.MONTHLY, 30),
    (PlanKind.BACKUP, Frequency.WEEKLY, 7),
    (PlanKind.ANTIVIRUS, Frequency.WEEKLY, 7),
    (PlanKind.MAINTENANCE, Frequency.QUARTERLY, 91),
]
KINDS = list(EquipmentKind)


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, clock(hour, minute)))


def seed(scale):
    devices = Equipment.objects.bulk_create(
        (_device(scale, d) for d in range(scale.staff * DEVICES_PER_STAFF)), batch_size=BATCH
    )
    plans, inspections = _plans(scale, devices)
    faults = Fault.objects.bulk_create(
        (_fault(scale, f, devices) for f in range(scale.staff // 2 + 1)), batch_size=BATCH
    )
    return {
        "devices": len(devices),
        "plans": len(plans),
        "inspections": inspections,
        "faults": len(faults),
    }


def _device(scale, d):
    n = d % scale.staff
    site = scale.site_of(n)
    return Equipment(
        site=site,
        room=f"{d % 12 + 1}号会议室",
        name=f"{KINDS[d % len(KINDS)].label}-{d + 1:04d}",
        kind=KINDS[d % len(KINDS)],
        brand="华为" if d % 2 else "海康威视",
        model_name=f"M{d % 17}",
        serial=f"SN{d:06d}",
        installed_on=scale.end - timedelta(days=400 + d % 700),
        warranty_until=scale.end + timedelta(days=d % 900 - 300),
        responsible=scale.users[n],
        registered_by=scale.people["admin"],
    )


def _plans(scale, devices):
    by_site = {}
    for device in devices:
        by_site.setdefault(device.site_id, []).append(device)
    plans = []
    for site in scale.sites:
        for p in range(scale.staff // STAFF_PER_PLAN + 1):
            kind, frequency, _every = PLAN_KINDS[p % len(PLAN_KINDS)]
            staff_here = [n for n in scale.users if scale.site_of(n) == site] or [0]
            plans.append(
                MaintenancePlan(
                    title=f"{site.name}{kind.label}{p + 1}",
                    kind=kind,
                    site=site,
                    frequency=frequency,
                    starts_on=scale.end - timedelta(days=365),
                    checklist="外观检查\n功能测试",
                    assignee=scale.users[staff_here[p % len(staff_here)]],
                    created_by=scale.people["admin"],
                )
            )
    plans = MaintenancePlan.objects.bulk_create(plans, batch_size=BATCH)
    Through = MaintenancePlan.equipment.through
    links = []
    for p, plan in enumerate(plans):
        pool = by_site.get(plan.site_id, [])
        chosen = (
            {pool[(p * DEVICES_PER_PLAN + i) % len(pool)].pk for i in range(DEVICES_PER_PLAN)}
            if pool
            else set()
        )
        links += [Through(maintenanceplan_id=plan.pk, equipment_id=pk) for pk in chosen]
    Through.objects.bulk_create(links, batch_size=BATCH)
    rows = [row for p, plan in enumerate(plans) for row in _inspections(scale, p, plan)]
    Inspection.objects.bulk_create(rows, batch_size=BATCH)
    return plans, len(rows)


def _inspections(scale, p, plan):
    """A year of a plan's inspections up to ``scale.end``, then the next one due."""
    every = {kind: days for kind, _f, days in PLAN_KINDS}[plan.kind]
    day, i, rows = plan.starts_on, 0, []
    while day <= scale.end:
        missed = (p + i) % 13 == 5
        rows.append(
            Inspection(
                plan=plan,
                scheduled_on=day,
                due_on=day,
                status=InspectionStatus.MISSED if missed else InspectionStatus.DONE,
                done_by=None if missed else plan.assignee,
                done_at=None if missed else at(day + timedelta(days=(p + i) % 3), 15),
            )
        )
        day += timedelta(days=every)
        i += 1
    rows.append(Inspection(plan=plan, scheduled_on=day, due_on=day, status=InspectionStatus.DUE))
    return rows


def _fault(scale, f, devices):
    states = list(FaultStatus)
    status = states[f % len(states)]
    device = devices[(f * 7) % len(devices)]
    reported = at(scale.end - timedelta(days=f % 200), 10, f % 60)
    reporter = device.responsible or scale.people["admin"]
    after = {s: i for i, s in enumerate(states)}[status]
    return Fault(
        equipment=device,
        title="投影机无信号" if f % 2 else "话筒啸叫",
        client_reported_at=reported,
        status=status,
        reported_by=reporter,
        reported_at=reported,
        responded_by=reporter if after >= 1 else None,
        responded_at=reported + timedelta(minutes=20) if after >= 1 else None,
        fixed_by=reporter if after >= 2 else None,
        fixed_at=reported + timedelta(hours=3) if after >= 2 else None,
        work_done="更换线缆" if after >= 2 else "",
        closed_by=scale.supervisor_of(f) if after >= 3 else None,
        closed_at=reported + timedelta(days=1) if after >= 3 else None,
    )


def pages(scale):
    """The inventory, what is due and the faults as a staff member; compliance as the
    supervisor."""
    return [
        ("equipment: inventory", "staff", reverse("equipment:equipment_list")),
        ("equipment: due", "staff", reverse("equipment:due_list")),
        ("equipment: faults", "staff", reverse("equipment:fault_list")),
        ("equipment: plans", "supervisor", reverse("equipment:plan_list")),
        ("equipment: compliance", "supervisor", reverse("equipment:compliance")),
    ]


def exports(scale):
    """The month's compliance report, as PDF."""
    year, month = scale.measured_month()
    fields = {"year": year, "month": month, "params": {"month": f"{year}-{month:02d}"}}
    return [
        (
            "equipment: compliance, PDF",
            "supervisor",
            "equipment.compliance",
            {"fmt": "pdf", **fields},
        )
    ]
