"""A request waiting too long reminds its decider after two working days and then tells the
decider's own manager (or HR) after four — each exactly once, however often the scan runs."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from attendance import services
from onsite import reminding
from onsite.choices import Role
from onsite.models import Notification, SentReminder
from tests.attendance.conftest import leave_type
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.rule("R2.3-overtime-supervisor-approval")]
SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(day, hour=10):
    return datetime(2026, 12, day, hour, tzinfo=SHANGHAI)


@pytest.fixture
def waiting_leave(cast, schedule):
    """Asked on Monday Dec 7 at 09:00; the supervisor of A decides it."""
    with time_machine.travel(at(7, 9), tick=False):
        return services.submit_leave(
            cast.staff,
            leave_type=leave_type("SICK"),
            start_date=date(2026, 12, 21),
            start_half="am",
            end_date=date(2026, 12, 21),
            end_half="pm",
            reason="手术",
        )


def told(kind, person):
    return Notification.objects.filter(kind=kind, recipient=person).count()


def test_the_decider_is_reminded_after_two_working_days_exactly_once(cast, waiting_leave):
    assert reminding.run_scan("attendance_request_waiting", at(8)) == 0  # one working day
    assert reminding.run_scan("attendance_request_waiting", at(9)) == 1
    assert reminding.run_scan("attendance_request_waiting", at(9, 11)) == 0
    assert reminding.run_scan("attendance_request_waiting", at(10)) == 0
    assert told("attendance_request_waiting", cast.supervisor) == 1
    note = Notification.objects.get(kind="attendance_request_waiting")
    assert note.url == waiting_leave.get_absolute_url() and "2" in note.title


def test_after_four_working_days_the_deciders_manager_or_hr_is_told_exactly_once(
    cast, waiting_leave
):
    assert reminding.run_scan("attendance_request_escalated", at(10)) == 0  # three days
    assert reminding.run_scan("attendance_request_escalated", at(11)) == 1
    assert reminding.run_scan("attendance_request_escalated", at(11, 15)) == 0
    assert reminding.run_scan("attendance_request_escalated", at(14)) == 0
    # Department A has no supervisor above the supervisor: HR hears of it.
    assert told("attendance_request_escalated", cast.hr) == 1
    assert told("attendance_request_escalated", cast.supervisor) == 0
    assert SentReminder.objects.filter(kind="attendance_request_escalated").count() == 1


def test_the_escalation_goes_to_the_supervisor_above_when_there_is_one(cast, waiting_leave):
    boss = UserFactory(roles=[Role.SUPERVISOR], department=cast.dept_b)
    cast.dept_b.supervisors.add(boss)
    cast.supervisor.profile.department = cast.dept_b  # the supervisor's own manager: boss
    cast.supervisor.profile.save()
    reminding.run_scan("attendance_request_escalated", at(11))
    assert told("attendance_request_escalated", boss) == 1
    assert told("attendance_request_escalated", cast.hr) == 0


def test_weekends_and_holidays_do_not_count_as_waiting(cast, schedule):
    with time_machine.travel(at(11, 9), tick=False):  # Friday
        services.submit_leave(
            cast.staff,
            leave_type=leave_type("SICK"),
            start_date=date(2026, 12, 21),
            start_half="am",
            end_date=date(2026, 12, 21),
            end_half="pm",
            reason="手术",
        )
    assert reminding.run_scan("attendance_request_waiting", at(14)) == 0  # Monday: one day
    assert reminding.run_scan("attendance_request_waiting", at(15)) == 1


def test_a_decided_request_reminds_nobody(cast, waiting_leave):
    services.approve_leave(cast.supervisor, waiting_leave)
    assert reminding.run_scan("attendance_request_waiting", at(14)) == 0
    assert reminding.run_scan("attendance_request_escalated", at(14)) == 0


def test_a_deputy_is_reminded_in_place_of_the_supervisor_away(cast, waiting_leave):
    with time_machine.travel(at(7, 9), tick=False):
        services.name_deputy(
            cast.hr,
            supervisor=cast.supervisor,
            deputy=cast.custodian,
            start_date=date(2026, 12, 8),
            end_date=date(2026, 12, 12),
        )
    reminding.run_scan("attendance_request_waiting", at(9))
    assert told("attendance_request_waiting", cast.custodian) == 1
    assert told("attendance_request_waiting", cast.supervisor) == 0
