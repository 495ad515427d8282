"""Leave: working days with halves, no overlap, balances, approval and withdrawal."""

from datetime import date, time

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from attendance import services
from attendance.choices import Compensation, LeaveStatus, OvertimeKind, OvertimeStatus
from attendance.models import LeaveRequest, OvertimeRequest
from onsite.models import AuditEntry, Notification
from onsite.workflow import WorkflowError
from tests.attendance.conftest import at, leave_type


def ask(user, leave_type, start, end, start_half="am", end_half="pm"):
    return services.submit_leave(
        user,
        leave_type=leave_type,
        start_date=start,
        start_half=start_half,
        end_date=end,
        end_half=end_half,
        reason="家中有事",
    )


@pytest.mark.django_db
def test_leave_counts_working_days_and_notifies_the_supervisor(cast, schedule, annual):
    leave = ask(cast.staff, annual, date(2026, 12, 4), date(2026, 12, 7))  # Fri–Mon
    assert leave.days == 2
    assert leave.status == LeaveStatus.SUBMITTED
    assert Notification.objects.filter(recipient=cast.supervisor).count() == 1


@pytest.mark.django_db
def test_overlapping_leave_is_refused_but_the_other_half_day_is_fine(cast, schedule, annual):
    ask(cast.staff, annual, date(2026, 12, 1), date(2026, 12, 1), "am", "am")
    with pytest.raises(WorkflowError, match="overlaps"):
        ask(cast.staff, annual, date(2026, 11, 30), date(2026, 12, 1))
    afternoon = ask(cast.staff, annual, date(2026, 12, 1), date(2026, 12, 1), "pm", "pm")
    assert afternoon.days == 0.5
    assert LeaveRequest.objects.filter(user=cast.staff).count() == 2


@pytest.mark.django_db
@pytest.mark.rule("R2.3-leave-by-company-policy")
def test_the_balance_never_goes_below_zero(cast, schedule, annual):
    ask(cast.staff, annual, date(2026, 12, 7), date(2026, 12, 10))  # 4 of 5 days
    with pytest.raises(WorkflowError, match="Only 1.0 day"):
        ask(cast.staff, annual, date(2026, 12, 14), date(2026, 12, 15))
    ask(cast.staff, annual, date(2026, 12, 14), date(2026, 12, 14))
    assert services.leave_balance(cast.staff, annual, 2026) == 0


@pytest.mark.django_db
def test_a_type_that_may_go_negative_has_no_limit(cast, schedule):
    personal = leave_type("PERSONAL")
    leave = ask(cast.staff, personal, date(2026, 12, 7), date(2026, 12, 18))
    assert leave.days == 10
    assert services.leave_balance(cast.staff, personal, 2026) == -10


@pytest.mark.django_db
@pytest.mark.rule("R2.3-leave-by-company-policy")
def test_compensatory_leave_is_earned_by_rest_day_overtime_taken_as_leave(cast, schedule, comp):
    with pytest.raises(WorkflowError, match="Only 0"):
        ask(cast.staff, comp, date(2026, 12, 7), date(2026, 12, 7))
    OvertimeRequest.objects.create(
        user=cast.staff,
        site=cast.site,
        date=date(2026, 11, 14),
        start_time=time(9),
        end_time=time(17),
        planned_minutes=480,
        actual_minutes=480,
        kind=OvertimeKind.REST_DAY,
        compensation=Compensation.LEAVE,
        reason="保障",
        status=OvertimeStatus.FILED,
    )
    assert services.comp_leave_balance(cast.staff) == 1
    ask(cast.staff, comp, date(2026, 12, 7), date(2026, 12, 7))
    assert services.comp_leave_balance(cast.staff) == 0


@pytest.mark.django_db
def test_end_before_start_and_days_without_work_are_refused(cast, schedule, annual):
    with pytest.raises(WorkflowError, match="end must be after"):
        ask(cast.staff, annual, date(2026, 12, 8), date(2026, 12, 7))
    with pytest.raises(WorkflowError, match="no working day"):
        ask(cast.staff, annual, date(2026, 12, 5), date(2026, 12, 6))  # a weekend
    assert not LeaveRequest.objects.exists()


@pytest.mark.django_db
@pytest.mark.rule("R2.3-leave-by-company-policy")
def test_the_supervisor_approves_and_rejects_with_audit_and_notice(cast, schedule, annual):
    first = ask(cast.staff, annual, date(2026, 12, 7), date(2026, 12, 7))
    second = ask(cast.staff, annual, date(2026, 12, 8), date(2026, 12, 8))
    services.approve_leave(cast.supervisor, first, "同意")
    with pytest.raises(WorkflowError, match="reason"):
        services.reject_leave(cast.supervisor, second, " ")
    services.reject_leave(cast.supervisor, second, "人手不足")
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (LeaveStatus.APPROVED, LeaveStatus.REJECTED)
    assert first.decided_by == cast.supervisor
    assert AuditEntry.objects.filter(action="attendance.leave.reject", comment="人手不足").exists()
    titles = list(Notification.objects.filter(recipient=cast.staff).values_list("title", flat=True))
    assert len(titles) == 2
    # A rejected request gives its days back.
    assert services.leave_balance(cast.staff, annual, 2026) == 4


@pytest.mark.django_db
def test_scope_nobody_outside_the_department_and_not_oneself_decides(cast, schedule, annual):
    from tests.factories import AssignmentFactory

    AssignmentFactory(user=cast.supervisor, site=cast.site)
    leave = ask(cast.staff, annual, date(2026, 12, 7), date(2026, 12, 7))
    own = ask(cast.supervisor, annual, date(2026, 12, 7), date(2026, 12, 7))
    for actor, request in [(cast.hr, leave), (cast.outsider, leave), (cast.supervisor, own)]:
        with pytest.raises(PermissionDenied):
            services.approve_leave(actor, request)
    assert set(LeaveRequest.objects.values_list("status", flat=True)) == {LeaveStatus.SUBMITTED}


@pytest.mark.django_db
def test_approved_leave_is_withdrawn_only_before_it_starts(cast, schedule, annual):
    leave = ask(cast.staff, annual, date(2026, 12, 7), date(2026, 12, 7))
    services.approve_leave(cast.supervisor, leave)
    with pytest.raises(WorkflowError, match="begun"):
        services.cancel_leave(cast.staff, leave, now=at(date(2026, 12, 7), 8))
    services.cancel_leave(cast.staff, leave, now=at(date(2026, 12, 6), 20))
    leave.refresh_from_db()
    assert leave.status == LeaveStatus.CANCELLED


@pytest.mark.django_db
@time_machine.travel("2026-11-24 10:00 +0800", tick=False)
def test_the_leave_form_asks_for_oneself_only_and_shows_refusals(cast, schedule, annual, login):
    client = login(cast.staff)
    data = {
        "leave_type": annual.pk,
        "start_date": "2026-12-07",
        "start_half": "am",
        "end_date": "2026-12-07",
        "end_half": "pm",
        "reason": "体检",
        "user": cast.outsider.pk,  # ignored: a request is always for the person signed in
    }
    response = client.post(reverse("attendance:leave_new"), data)
    assert response.status_code == 302
    assert LeaveRequest.objects.get().user == cast.staff
    again = client.post(reverse("attendance:leave_new"), data)
    assert again.status_code == 200
    assert "overlaps" in again.content.decode() or "重叠" in again.content.decode()
    assert LeaveRequest.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.rule("R2.3-leave-by-company-policy")
def test_a_personal_allowance_replaces_the_default_for_that_year(cast, schedule, annual, login):
    response = login(cast.hr).post(
        reverse("attendance:leave_allowances"),
        {
            "employee_no": cast.staff.profile.employee_no,
            "leave_type": annual.pk,
            "year": 2026,
            "days": "10",
        },
    )
    assert response.status_code == 302
    assert services.leave_balance(cast.staff, annual, 2026) == 10
    assert services.leave_balance(cast.staff, annual, 2027) == 5
    assert services.leave_balance(cast.supervisor, annual, 2026) == 5
    ask(cast.staff, annual, date(2026, 12, 7), date(2026, 12, 14))  # 6 days, more than 5
    assert AuditEntry.objects.filter(
        action="attendance.leave_allowance.set", to_state="10"
    ).exists()


@pytest.mark.django_db
def test_an_unknown_employee_number_is_a_form_error(cast, annual, login):
    from attendance.models import LeaveAllowance

    response = login(cast.hr).post(
        reverse("attendance:leave_allowances"),
        {"employee_no": "NOPE", "leave_type": annual.pk, "year": 2026, "days": "10"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["employee_no"]
    assert not LeaveAllowance.objects.exists()
