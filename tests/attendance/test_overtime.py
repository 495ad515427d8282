"""Overtime: in-advance rule, classification, the two-step flow, rejections, cancelling."""

from datetime import date, time

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from attendance import services
from attendance.choices import Compensation, OvertimeKind, OvertimeStatus
from onsite.models import AuditEntry, Notification
from onsite.workflow import WorkflowError
from tests.attendance.conftest import at

SATURDAY = date(2026, 11, 14)


def ask(user, site, day=SATURDAY, start=(9, 0), end=(13, 0), **extra):
    return services.submit_overtime(
        user,
        date=day,
        start_time=time(*start),
        end_time=time(*end),
        site=site,
        reason="会议保障",
        **extra,
    )


@pytest.fixture
def submitted(cast, schedule):
    with time_machine.travel(at(date(2026, 11, 10), 10), tick=False):
        return ask(cast.staff, cast.site)


@pytest.mark.django_db
@time_machine.travel("2026-11-10 10:00 +0800", tick=False)
@pytest.mark.parametrize(
    ("day", "start", "end", "kind"),
    [
        (date(2026, 11, 12), (18, 30), (21, 0), OvertimeKind.WORKDAY),
        (date(2026, 11, 14), (9, 0), (17, 0), OvertimeKind.REST_DAY),
        (date(2027, 1, 2), (9, 0), (17, 0), OvertimeKind.REST_DAY),  # 2027 not seeded yet
        (date(2026, 10, 1), (9, 0), (17, 0), OvertimeKind.HOLIDAY),
    ],
)
@pytest.mark.rule("R2.3-overtime-day-kind")
def test_overtime_is_classified_by_the_calendar(cast, schedule, day, start, end, kind):
    late = {"late_reason": "补报"} if day < date(2026, 11, 10) else {}
    request = ask(cast.staff, cast.site, day, start, end, **late)
    assert request.kind == kind
    assert request.planned_minutes == (end[0] * 60 + end[1]) - (start[0] * 60 + start[1])


@pytest.mark.django_db
@pytest.mark.rule("R2.3-overtime-day-kind")
def test_statutory_holiday_and_break_days_pay_differently(cast, schedule):
    with time_machine.travel(at(date(2026, 9, 1), 10), tick=False):
        assert ask(cast.staff, cast.site, date(2026, 10, 3)).pay_rate == 300
        assert ask(cast.staff, cast.site, date(2026, 10, 6)).pay_rate == 200
        assert ask(cast.staff, cast.site, date(2026, 10, 9), (18, 0), (20, 0)).pay_rate == 150


@pytest.mark.django_db
def test_submitting_notifies_the_supervisor_and_audits(cast, submitted):
    assert submitted.status == OvertimeStatus.SUBMITTED
    assert not submitted.submitted_late
    assert Notification.objects.filter(recipient=cast.supervisor).count() == 1
    assert AuditEntry.objects.filter(
        action="attendance.overtime.submit", object_id=submitted.pk
    ).exists()


@pytest.mark.django_db
@pytest.mark.rule("R2.3-overtime-in-advance")
def test_asking_after_the_start_needs_a_late_reason_which_is_flagged(cast, schedule):
    with time_machine.travel(at(SATURDAY, 9, 30), tick=False):
        with pytest.raises(WorkflowError, match="in advance"):
            ask(cast.staff, cast.site)
        request = ask(cast.staff, cast.site, late_reason="临时通知的会议")
    assert request.submitted_late
    assert request.late_reason == "临时通知的会议"
    note = Notification.objects.get(recipient=cast.supervisor)
    assert "临时通知的会议" in note.body


@pytest.mark.django_db
@time_machine.travel("2026-11-10 10:00 +0800", tick=False)
def test_bad_overtime_input_is_refused_and_nothing_is_saved(cast, schedule):
    from attendance.models import OvertimeRequest

    with pytest.raises(WorkflowError, match="end must be after"):
        ask(cast.staff, cast.site, start=(13, 0), end=(9, 0))
    with pytest.raises(WorkflowError, match="outside the hours"):
        ask(cast.staff, cast.site, date(2026, 11, 12), (17, 0), (20, 0))
    with pytest.raises(WorkflowError, match="not assigned"):
        ask(cast.outsider, cast.site)
    with pytest.raises(WorkflowError, match="compensatory"):
        ask(cast.staff, cast.site, date(2026, 10, 1), compensation=Compensation.LEAVE)
    ask(cast.staff, cast.site)
    with pytest.raises(WorkflowError, match="overlapping"):
        ask(cast.staff, cast.site, start=(12, 0), end=(15, 0))
    assert OvertimeRequest.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.rule("R2.3-overtime-supervisor-approval", "R2.3-overtime-hr-filing")
def test_the_full_two_step_flow_files_the_overtime(cast, submitted):
    services.approve_overtime(cast.supervisor, submitted, "同意")
    submitted.refresh_from_db()
    assert submitted.status == OvertimeStatus.SUPERVISOR_APPROVED
    assert submitted.supervisor_by == cast.supervisor
    assert Notification.objects.filter(recipient=cast.hr).count() == 1
    services.file_overtime(cast.hr, submitted, "已备案")
    submitted.refresh_from_db()
    assert submitted.status == OvertimeStatus.FILED
    assert submitted.hr_by == cast.hr
    trail = list(
        AuditEntry.objects.filter(object_id=submitted.pk, action__startswith="attendance.overtime.")
        .order_by("id")
        .values_list("action", "from_state", "to_state", "comment")
    )
    assert trail == [
        ("attendance.overtime.submit", "", "submitted", ""),
        ("attendance.overtime.approve", "submitted", "supervisor_approved", "同意"),
        ("attendance.overtime.file", "supervisor_approved", "filed", "已备案"),
    ]
    assert Notification.objects.filter(recipient=cast.staff).count() == 2


@pytest.mark.django_db
@pytest.mark.rule("R2.3-overtime-hr-filing")
def test_hr_cannot_file_before_the_supervisor_approved(cast, submitted):
    with pytest.raises(WorkflowError):
        services.file_overtime(cast.hr, submitted)


@pytest.mark.django_db
@pytest.mark.rule("R2.3-overtime-supervisor-approval")
def test_the_supervisor_rejects_with_a_reason(cast, submitted):
    with pytest.raises(WorkflowError, match="reason"):
        services.reject_overtime(cast.supervisor, submitted, "")
    services.reject_overtime(cast.supervisor, submitted, "无需加班")
    submitted.refresh_from_db()
    assert submitted.status == OvertimeStatus.REJECTED
    assert Notification.objects.get(recipient=cast.staff).body.endswith("无需加班")


@pytest.mark.django_db
@pytest.mark.rule("R2.3-overtime-hr-filing")
def test_hr_rejects_after_the_supervisor_approved(cast, submitted):
    services.approve_overtime(cast.supervisor, submitted)
    services.hr_reject_overtime(cast.hr, submitted, "未按规定报备")
    submitted.refresh_from_db()
    assert submitted.status == OvertimeStatus.REJECTED
    assert submitted.hr_by == cast.hr
    with pytest.raises(WorkflowError):
        services.file_overtime(cast.hr, submitted)


@pytest.mark.django_db
def test_the_applicant_cancels_until_filed_but_not_after(cast, submitted):
    services.cancel_overtime(cast.staff, submitted)
    submitted.refresh_from_db()
    assert submitted.status == OvertimeStatus.CANCELLED
    with time_machine.travel(at(date(2026, 11, 10), 10), tick=False):
        second = ask(cast.staff, cast.site)
    services.approve_overtime(cast.supervisor, second)
    services.cancel_overtime(cast.staff, second)  # still possible before HR files
    with time_machine.travel(at(date(2026, 11, 10), 10), tick=False):
        third = ask(cast.staff, cast.site)
    services.approve_overtime(cast.supervisor, third)
    services.file_overtime(cast.hr, third)
    with pytest.raises(WorkflowError):
        services.cancel_overtime(cast.staff, third)


@pytest.mark.django_db
def test_only_the_applicant_cancels(cast, submitted):
    with pytest.raises(PermissionDenied):
        services.cancel_overtime(cast.supervisor, submitted)


@pytest.mark.django_db
@pytest.mark.rule("R2.3-overtime-supervisor-approval")
def test_scope_a_supervisor_of_another_department_or_self_cannot_approve(cast, schedule):
    from onsite.choices import Role
    from tests.factories import AssignmentFactory, UserFactory

    other_supervisor = UserFactory(roles=[Role.SUPERVISOR], department=cast.dept_b)
    cast.dept_b.supervisors.add(other_supervisor)
    AssignmentFactory(user=cast.supervisor, site=cast.site)
    with time_machine.travel(at(date(2026, 11, 10), 10), tick=False):
        request = ask(cast.staff, cast.site)
        own = ask(cast.supervisor, cast.site)
    with pytest.raises(PermissionDenied):
        services.approve_overtime(other_supervisor, request)
    with pytest.raises(PermissionDenied):
        services.approve_overtime(cast.supervisor, own)
    with pytest.raises(PermissionDenied):
        services.approve_overtime(cast.hr, request)  # HR is the second step only
    request.refresh_from_db()
    assert request.status == OvertimeStatus.SUBMITTED


@pytest.mark.django_db
def test_actual_hours_default_to_check_in_and_out_and_are_confirmed_after(cast, submitted, record):
    services.approve_overtime(cast.supervisor, submitted)
    record(cast.staff, SATURDAY, cast.site, (9, 10), (13, 40))
    assert services.suggested_minutes(submitted) == 270
    with (
        time_machine.travel(at(SATURDAY, 12), tick=False),
        pytest.raises(WorkflowError, match="ended"),
    ):
        services.confirm_overtime_hours(cast.staff, submitted, 270)
    with time_machine.travel(at(SATURDAY, 14), tick=False):
        services.confirm_overtime_hours(cast.staff, submitted, 270)
    submitted.refresh_from_db()
    assert submitted.actual_minutes == 270
    assert submitted.counted_minutes == 270


@pytest.mark.django_db
def test_several_requests_are_decided_at_once_and_refusals_are_reported(cast, schedule):
    with time_machine.travel(at(date(2026, 11, 10), 10), tick=False):
        first = ask(cast.staff, cast.site)
        second = ask(cast.staff, cast.site, date(2026, 11, 15))
    services.cancel_overtime(cast.staff, second)
    done, errors = services.decide_many(
        cast.supervisor, "overtime", "approve", [first, second], "同意"
    )
    assert done == 1
    assert len(errors) == 1 and f"#{second.pk}" in errors[0]
    first.refresh_from_db()
    assert first.status == OvertimeStatus.SUPERVISOR_APPROVED


@pytest.mark.django_db
@time_machine.travel("2026-11-10 10:00 +0800", tick=False)
@pytest.mark.rule("R2.3-overtime-day-kind")
def test_a_holiday_hr_enters_for_a_provisional_year_changes_the_classification(cast, schedule):
    from attendance.choices import CalendarKind

    assert ask(cast.staff, cast.site, date(2027, 1, 1), (18, 30), (20, 0)).kind == "workday"
    services.save_calendar_day(
        cast.hr, date=date(2027, 1, 1), kind=CalendarKind.HOLIDAY, name="元旦"
    )
    assert ask(cast.staff, cast.site, date(2027, 1, 1), (9, 0), (12, 0)).kind == "holiday"
