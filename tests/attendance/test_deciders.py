"""Every request has someone who decides it: the supervisor, their deputy for a date range,
the parent department's supervisor, else HR; the submitter is told before submitting, HR
sees departments without a supervisor flagged, and a deputy's decision says on whose
behalf it was taken."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from attendance import services
from attendance.choices import LEAVE_FLOW, LeaveStatus
from attendance.models import Delegation, LeaveRequest
from onsite.choices import Role
from onsite.models import AuditEntry, Notification
from onsite.permissions import visible
from onsite.workflow import WorkflowError
from tests.factories import AssignmentFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.rule("R2.3-overtime-supervisor-approval")]

MONDAY = "2026-12-07 09:00 +0800"


@pytest.fixture(autouse=True)
def _a_monday():
    with time_machine.travel(MONDAY, tick=False):
        yield


def ask_leave(user, day=date(2026, 12, 10)):
    from tests.attendance.conftest import leave_type

    return services.submit_leave(
        user,
        leave_type=leave_type("SICK"),
        start_date=day,
        start_half="am",
        end_date=day,
        end_half="pm",
        reason="看病",
    )


@pytest.fixture
def it_staff(cast, schedule):
    """Staff of department B, which has no supervisor (like the demo's IT department)."""
    AssignmentFactory(user=cast.outsider, site=cast.site)
    return cast.outsider


def test_a_request_in_a_department_without_a_supervisor_reaches_hr_who_decides_it(
    cast, it_staff, login
):
    page = login(it_staff).get(reverse("attendance:leave_new")).content.decode()
    assert 'data-testid="decider-notice"' in page and "人事行政部" in page  # told before
    leave = ask_leave(it_staff)
    assert Notification.objects.filter(recipient=cast.hr, url=leave.get_absolute_url()).exists()
    assert LEAVE_FLOW.allows(cast.hr, leave, "approve")
    assert not LEAVE_FLOW.allows(cast.supervisor, leave, "approve")  # not their department
    services.approve_leave(cast.hr, leave)
    leave.refresh_from_db()
    assert (leave.status, leave.decided_by) == (LeaveStatus.APPROVED, cast.hr)


def test_hr_sees_the_department_without_a_supervisor_flagged(cast, it_staff, login):
    page = login(cast.hr).get(reverse("attendance:queue")).content.decode()
    assert 'data-testid="flagged-departments"' in page and cast.dept_b.name in page
    page = login(cast.supervisor).get(reverse("attendance:queue")).content.decode()
    assert 'data-testid="flagged-departments"' not in page


def test_a_parent_departments_supervisor_decides_for_a_department_without_one(
    cast, it_staff, login
):
    cast.dept_b.parent = cast.dept_a
    cast.dept_b.save()
    page = login(it_staff).get(reverse("attendance:leave_new")).content.decode()
    assert cast.dept_a.name in page
    leave = ask_leave(it_staff)
    assert Notification.objects.filter(recipient=cast.supervisor).count() == 1
    assert not Notification.objects.filter(recipient=cast.hr).exists()
    assert visible(cast.supervisor, LeaveRequest).filter(pk=leave.pk).exists()
    services.approve_leave(cast.supervisor, leave)
    assert LeaveRequest.objects.get(pk=leave.pk).status == LeaveStatus.APPROVED


def test_a_supervisors_own_request_goes_one_level_up(cast, schedule):
    boss = UserFactory(roles=[Role.SUPERVISOR], department=cast.dept_b)
    cast.dept_b.supervisors.add(boss)
    cast.dept_a.parent = cast.dept_b
    cast.dept_a.save()
    AssignmentFactory(user=cast.supervisor, site=cast.site)
    leave = ask_leave(cast.supervisor)
    assert not LEAVE_FLOW.allows(cast.supervisor, leave, "approve")  # never one's own
    assert LEAVE_FLOW.allows(boss, leave, "approve")
    assert visible(boss, LeaveRequest).filter(pk=leave.pk).exists()


def test_when_nobody_is_configured_the_submitter_is_told_before_and_refused(cast, it_staff, login):
    cast.hr.groups.clear()
    page = login(it_staff).get(reverse("attendance:leave_new")).content.decode()
    assert "alert-danger" in page and "disabled" in page
    with pytest.raises(WorkflowError):
        ask_leave(it_staff)
    assert not LeaveRequest.objects.exists()


# --- Deputies ---------------------------------------------------------------------------
@pytest.fixture
def deputy(cast):
    """The custodian (staff of department A) stands in for the supervisor Dec 8–10."""
    return services.name_deputy(
        cast.supervisor,
        supervisor=cast.supervisor,
        deputy=cast.custodian,
        start_date=date(2026, 12, 8),
        end_date=date(2026, 12, 10),
        reason="出差",
    )


def test_a_deputy_decides_only_within_the_date_range(cast, schedule, deputy, time_machine):
    leave = ask_leave(cast.staff, date(2026, 12, 14))
    assert not LEAVE_FLOW.allows(cast.custodian, leave, "approve")  # Dec 7: not yet
    time_machine.move_to("2026-12-08 09:00 +0800", tick=False)
    assert LEAVE_FLOW.allows(cast.custodian, leave, "approve")
    time_machine.move_to("2026-12-11 09:00 +0800", tick=False)
    assert not LEAVE_FLOW.allows(cast.custodian, leave, "approve")  # over
    with pytest.raises(PermissionDenied):
        services.approve_leave(cast.custodian, leave)


def test_requests_go_to_the_deputy_and_the_audit_says_on_behalf_of(
    cast, schedule, deputy, login, time_machine
):
    time_machine.move_to("2026-12-09 09:00 +0800", tick=False)
    leave = ask_leave(cast.staff, date(2026, 12, 14))
    told = set(
        Notification.objects.filter(url=leave.get_absolute_url()).values_list(
            "recipient", flat=True
        )
    )
    assert told == {cast.custodian.pk}  # the supervisor is away
    assert login(cast.custodian).get(reverse("attendance:queue")).status_code == 200
    services.approve_leave(cast.custodian, leave, comment="同意")
    entry = AuditEntry.objects.get(action="attendance.leave.approve")
    assert (entry.actor, entry.on_behalf_of) == (cast.custodian, cast.supervisor)
    page = login(cast.staff).get(leave.get_absolute_url()).content.decode()
    assert 'data-testid="on-behalf-of"' in page


def test_the_supervisor_still_decides_and_then_acts_for_nobody(cast, schedule, deputy):
    with time_machine.travel("2026-12-09 09:00 +0800", tick=False):
        leave = ask_leave(cast.staff, date(2026, 12, 14))
        services.approve_leave(cast.supervisor, leave)
    assert AuditEntry.objects.get(action="attendance.leave.approve").on_behalf_of is None


def test_ranges_of_one_supervisor_never_overlap_and_only_hr_names_for_others(cast, deputy):
    with pytest.raises(WorkflowError, match="already has a deputy"):
        services.name_deputy(
            cast.hr,
            supervisor=cast.supervisor,
            deputy=cast.manager,
            start_date=date(2026, 12, 10),
            end_date=date(2026, 12, 12),
        )
    other = UserFactory(roles=[Role.SUPERVISOR], department=cast.dept_b)
    with pytest.raises(PermissionDenied):
        services.name_deputy(
            cast.supervisor,
            supervisor=other,
            deputy=cast.manager,
            start_date=date(2026, 12, 10),
            end_date=date(2026, 12, 12),
        )
    named = services.name_deputy(
        cast.hr,
        supervisor=other,
        deputy=cast.manager,
        start_date=date(2026, 12, 10),
        end_date=date(2026, 12, 12),
    )
    assert AuditEntry.objects.filter(action="attendance.delegation.add", actor=cast.hr).exists()
    services.withdraw_deputy(cast.hr, named)
    assert not Delegation.objects.filter(pk=named.pk).exists()


def test_a_supervisor_names_and_withdraws_a_deputy_on_the_page(cast, login):
    client = login(cast.supervisor)
    response = client.post(
        reverse("attendance:deputies"),
        {
            "deputy": cast.custodian.pk,
            "start_date": "2026-12-08",
            "end_date": "2026-12-10",
            "reason": "休假",
        },
    )
    assert response.status_code == 302
    named = Delegation.objects.get()
    assert (named.supervisor, named.created_by) == (cast.supervisor, cast.supervisor)
    assert Notification.objects.filter(recipient=cast.custodian).exists()
    page = client.get(reverse("attendance:deputies")).content.decode()
    assert 'data-action="withdraw"' in page
    client.post(reverse("attendance:deputy_withdraw", args=[named.pk]))
    assert not Delegation.objects.exists()
