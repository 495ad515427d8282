"""Races on PostgreSQL: two reminder scans at the same moment send each reminder once; two
people recording the same inspection at once record it once."""

import threading
from datetime import date

import pytest
from django.db import connection

from equipment import services
from equipment.models import Fault, Inspection, InspectionResult
from onsite.models import Notification, SentReminder
from onsite.reminding import run_scan
from onsite.workflow import WorkflowError
from tests.conftest import is_postgres
from tests.equipment.helpers import at, lines_for
from tests.factories import AssignmentFactory, UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if not is_postgres():
        pytest.skip("race tests need PostgreSQL (set DATABASE_URL)")


def _run_together(*calls):
    barrier = threading.Barrier(len(calls))
    results, errors = [], []

    def run(call):
        try:
            barrier.wait(timeout=10)
            results.append(call())
        except WorkflowError as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


@pytest.mark.rule("R2.4-venue-inspection")
def test_two_scans_at_once_send_each_reminder_once(cast, eq):
    now = at(date(2026, 11, 28))
    results, errors = _run_together(
        lambda: run_scan("equipment_inspection_due", now),
        lambda: run_scan("equipment_inspection_due", now),
    )
    assert not errors and sorted(results) == [0, 1]
    assert SentReminder.objects.filter(kind="equipment_inspection_due").count() == 1
    assert (
        Notification.objects.filter(recipient=cast.staff, kind="equipment_inspection_due").count()
        == 1
    )


def test_two_people_recording_one_inspection_record_it_once(cast, eq):
    second = UserFactory(username="staff2", roles=["staff"], department=cast.dept_a)
    AssignmentFactory(user=second, site=cast.site)
    inspection = Inspection.objects.get(plan=eq.plan)
    failing = {(eq.pc1.pk, "运行正常"): {"outcome": "fail", "note": "蓝屏"}}

    def record(user):
        return lambda: services.record_inspection(
            user,
            Inspection.objects.get(pk=inspection.pk),
            lines=lines_for(inspection, failing),
            now=at(date(2026, 12, 1)),
        )

    results, errors = _run_together(record(cast.staff), record(second))
    assert len(results) == 1 and len(errors) == 1
    assert InspectionResult.objects.count() == 4
    assert Fault.objects.count() == 1
    assert Inspection.objects.filter(plan=eq.plan, status="due").count() == 1
