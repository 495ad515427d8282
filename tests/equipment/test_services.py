"""The equipment services: inventory, plans, inspections with failed checks, faults."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from PIL import Image

from equipment import services
from equipment.choices import EquipmentStatus, FaultStatus, InspectionStatus, Outcome
from equipment.models import Equipment, Fault, Inspection, InspectionResult
from onsite.models import AuditEntry, Notification
from onsite.workflow import WorkflowError
from tests.equipment.conftest import jpeg
from tests.equipment.factories import EquipmentFactory, make_plan, open_inspection

TZ = ZoneInfo("Asia/Shanghai")


def at(day, hour=10, minute=0):
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


def passing_lines(inspection, overrides=None):
    overrides = overrides or {}
    lines = []
    for device, check in services.expected_lines(inspection.plan):
        extra = overrides.get((device.pk, check), {})
        lines.append(
            services.Line(
                device,
                check,
                extra.get("outcome", Outcome.PASS),
                **{k: v for k, v in extra.items() if k != "outcome"},
            )
        )
    return lines


@pytest.mark.rule("R1-equipment-records", "R2.1-client-equipment-care")
def test_staff_register_equipment_at_their_site_and_others_are_refused(cast):
    device = services.register_equipment(
        cast.staff, site=cast.site, venue=cast.venue, name="投影机", kind="display", serial="P-1"
    )
    assert device.status == EquipmentStatus.IN_SERVICE
    assert AuditEntry.objects.filter(
        action="equipment.equipment.register", object_id=str(device.pk)
    ).exists()
    with pytest.raises(PermissionDenied):
        services.register_equipment(cast.outsider, site=cast.site, name="x", kind="other")
    with pytest.raises(WorkflowError):
        services.register_equipment(
            cast.staff, site=cast.site, name="重复", kind="other", serial="P-1"
        )


@pytest.mark.rule("R2.1-installation-records")
def test_a_change_of_record_is_audited_field_by_field(cast, eq):
    services.update_equipment(cast.staff, eq.pc1, {"room": "B201", "configuration": "IP 10.0.0.5"})
    entry = AuditEntry.objects.get(action="equipment.equipment.edit")
    assert "room: — → B201" in entry.comment


def test_a_new_plan_has_its_first_inspection_due(cast, eq):
    inspection = open_inspection(eq.plan)
    assert inspection.due_on == date(2026, 12, 1)
    assert inspection.status == InspectionStatus.DUE


@pytest.mark.rule("R2.4-venue-inspection", "R1-fault-immediate-follow-up")
def test_a_failed_check_opens_a_fault_in_the_same_transaction_and_the_next_is_scheduled(cast, eq):
    inspection = open_inspection(eq.plan)
    lines = passing_lines(
        inspection,
        {(eq.pc2.pk, "运行正常"): {"outcome": Outcome.FAIL, "note": "无法开机", "photo": jpeg()}},
    )
    services.record_inspection(cast.staff, inspection, lines=lines, now=at(date(2026, 12, 1)))
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.DONE and inspection.done_by == cast.staff
    assert InspectionResult.objects.filter(inspection=inspection).count() == 4
    failed = InspectionResult.objects.get(outcome=Outcome.FAIL)
    fault = Fault.objects.get(result=failed)
    assert fault.equipment == eq.pc2 and fault.status == FaultStatus.REPORTED
    assert Notification.objects.filter(
        recipient=cast.supervisor, title__contains=fault.reference
    ).exists()
    # The photo is resized and kept privately with its SHA-256.
    with failed.photo.open("rb") as stored:
        assert max(Image.open(stored).size) == 1600
    assert len(failed.photo_sha256) == 64
    upcoming = open_inspection(eq.plan)
    assert upcoming.due_on == date(2027, 1, 1)


def test_a_failure_after_the_change_rolls_back_results_and_fault(cast, eq, monkeypatch):
    inspection = open_inspection(eq.plan)
    lines = passing_lines(
        inspection, {(eq.pc1.pk, "外观完好"): {"outcome": Outcome.FAIL, "note": "划痕"}}
    )

    def broken(*args, **kwargs):
        raise RuntimeError("broken")

    monkeypatch.setattr("equipment.services.inspections.schedule_next", broken)
    with pytest.raises(RuntimeError):
        services.record_inspection(cast.staff, inspection, lines=lines, now=at(date(2026, 12, 1)))
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.DUE
    assert not InspectionResult.objects.exists() and not Fault.objects.exists()


def test_every_check_must_be_answered_and_a_failure_needs_a_note(cast, eq):
    inspection = open_inspection(eq.plan)
    with pytest.raises(WorkflowError):
        services.record_inspection(cast.staff, inspection, lines=passing_lines(inspection)[:-1])
    lines = passing_lines(inspection, {(eq.pc1.pk, "外观完好"): {"outcome": Outcome.FAIL}})
    with pytest.raises(WorkflowError):
        services.record_inspection(cast.staff, inspection, lines=lines)


@pytest.mark.rule("R2.4-venue-inspection")
def test_recorded_late_the_occurrences_that_passed_are_missed(cast, eq):
    inspection = open_inspection(eq.plan)
    services.record_inspection(
        cast.staff, inspection, lines=passing_lines(inspection), now=at(date(2027, 2, 10))
    )
    missed = Inspection.objects.filter(plan=eq.plan, status=InspectionStatus.MISSED)
    assert [i.scheduled_on for i in missed] == [date(2027, 1, 1), date(2027, 2, 1)]
    assert open_inspection(eq.plan).due_on == date(2027, 3, 1)
    assert AuditEntry.objects.filter(action="equipment.inspection.lapse").count() == 2


@pytest.mark.rule("R2.4-venue-maintenance")
def test_a_plan_counted_from_the_last_done_date_is_due_a_step_after_it(cast, eq):
    plan = make_plan(cast.admin, [eq.mixer], count_from="last_done", title="调音台保养")
    inspection = open_inspection(plan)
    services.record_inspection(
        cast.staff, inspection, lines=passing_lines(inspection), now=at(date(2026, 12, 20))
    )
    assert open_inspection(plan).due_on == date(2027, 1, 20)
    assert not Inspection.objects.filter(plan=plan, status=InspectionStatus.MISSED).exists()


def test_only_a_leader_marks_an_inspection_missed(cast, eq):
    inspection = open_inspection(eq.plan)
    with pytest.raises(PermissionDenied):
        services.miss_inspection(cast.staff, inspection, comment="忘了")
    services.miss_inspection(cast.manager, inspection, comment="机房封闭")
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.MISSED
    assert open_inspection(eq.plan).scheduled_on > inspection.scheduled_on


@pytest.mark.rule("R2.1-faults-cleared-quickly", "R1-fault-immediate-follow-up")
def test_a_fault_keeps_the_client_report_response_and_fix_times(cast, eq):
    reported = at(date(2026, 12, 3), 9, 0)
    fault = services.report_fault(
        cast.staff,
        eq.mixer,
        title="无声音",
        client_reported_at=reported,
        now=at(date(2026, 12, 3), 9, 10),
    )
    with pytest.raises(WorkflowError):
        services.fix_fault(cast.staff, fault, comment="换线")  # not responded yet
    services.respond_to_fault(
        cast.staff, fault, at=at(date(2026, 12, 3), 9, 25), now=at(date(2026, 12, 3), 9, 30)
    )
    with pytest.raises(WorkflowError):
        services.fix_fault(
            cast.staff,
            fault,
            comment="换线",
            at=at(date(2026, 12, 4)),
            now=at(date(2026, 12, 3), 11),
        )
    services.fix_fault(cast.staff, fault, comment="更换音频线", now=at(date(2026, 12, 3), 11, 0))
    fault.refresh_from_db()
    assert (fault.response_minutes, fault.fix_minutes) == (25, 120)
    assert fault.work_done == "更换音频线"
    with pytest.raises(PermissionDenied):
        services.close_fault(cast.staff, fault)
    services.close_fault(cast.supervisor, fault)
    assert Fault.objects.get(pk=fault.pk).status == FaultStatus.CLOSED


def test_a_retired_device_takes_no_fault_and_leaves_the_checklists(cast, eq):
    services.retire_equipment(cast.manager, eq.pc2, comment="报废")
    eq.pc2.refresh_from_db()
    assert eq.pc2.status == EquipmentStatus.RETIRED
    with pytest.raises(PermissionDenied):
        services.report_fault(cast.staff, eq.pc2, title="x")
    inspection = open_inspection(eq.plan)
    assert {d for d, _c in services.expected_lines(inspection.plan)} == {eq.pc1}
    services.reinstate_equipment(cast.manager, Equipment.objects.get(pk=eq.pc2.pk))


def test_a_plan_over_another_sites_device_is_refused(cast, eq):
    elsewhere = EquipmentFactory()
    with pytest.raises(WorkflowError):
        make_plan(cast.admin, [eq.pc1, elsewhere])
