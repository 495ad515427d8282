"""Lockdown around classified or important meetings: only the room's managers and the
on-site staff with a valid pledge get in; every other attempt is refused and recorded."""

from datetime import timedelta

import pytest
from django.utils import timezone

from meetingroom import services
from meetingroom.choices import DenialReason, MeetingStatus, VisitStatus
from meetingroom.models import DeniedAttempt, VenueSettings
from onsite.workflow import WorkflowError
from tests.meetingroom import factories as f

pytestmark = pytest.mark.rule("R2.4-classified-meeting-lockdown")


@pytest.fixture
def meeting(cast):
    VenueSettings.objects.create(
        venue=cast.venue, lockdown_before_minutes=60, lockdown_after_minutes=30
    )
    start = timezone.now().replace(second=0, microsecond=0) + timedelta(days=1)
    return f.make_meeting(cast.venue, cast.manager, start=start, hours=2, classification=2)


@pytest.mark.parametrize(
    ("offset", "locked"),
    [
        (-61, False),  # a minute before the window opens (60 min before the start)
        (-59, True),  # a minute after it opened
        (149, True),  # a minute before it closes (30 min after the 2-hour meeting)
        (151, False),  # a minute after it closed
    ],
)
def test_the_lockdown_window_edges(cast, meeting, offset, locked):
    at = meeting.starts_at + timedelta(minutes=offset)
    assert (services.lockdown_meeting(cast.venue, at) == meeting) is locked
    f.make_pledge(cast.leader)
    refused = services.entry_refusal(cast.venue, at=at, person=cast.leader)
    assert (refused is not None and refused.reason == DenialReason.LOCKDOWN) is locked


def test_during_lockdown_serving_staff_with_a_pledge_enter_and_others_are_refused(
    cast, meeting, english
):
    at = meeting.starts_at
    f.make_pledge(cast.staff)
    f.make_pledge(cast.manager)
    services.log_entry(cast.manager, cast.venue, person=cast.staff, now=at)
    services.log_entry(cast.manager, cast.venue, person=cast.manager, now=at)
    with pytest.raises(WorkflowError, match="only the room's managers"):
        services.log_entry(cast.manager, cast.venue, person=cast.leader, now=at)
    visit = f.make_visit(
        cast.venue, cast.staff, cast.manager, VisitStatus.APPROVED, start=at - timedelta(hours=1)
    )
    with pytest.raises(WorkflowError, match="visitors may not enter"):
        services.log_entry(cast.manager, cast.venue, visit=visit, now=at)
    reasons = list(DeniedAttempt.objects.values_list("reason", flat=True))
    assert reasons == [DenialReason.LOCKDOWN, DenialReason.LOCKDOWN]
    assert set(DeniedAttempt.objects.values_list("meeting", flat=True)) == {meeting.pk}


@pytest.mark.rule("R2.4-confidentiality-pledge")
def test_an_expired_pledge_keeps_staff_out_a_valid_one_lets_them_in(cast, meeting, english):
    at = meeting.starts_at
    day = timezone.localdate(at)
    f.make_pledge(cast.staff, signed_on=day - timedelta(days=366), days=365)  # ended yesterday
    with pytest.raises(WorkflowError, match="no valid confidentiality pledge"):
        services.log_entry(cast.manager, cast.venue, person=cast.staff, now=at)
    assert DeniedAttempt.objects.get().reason == DenialReason.NO_PLEDGE
    f.make_pledge(cast.staff, signed_on=day, days=365)
    assert services.log_entry(cast.manager, cast.venue, person=cast.staff, now=at)


def test_an_important_meeting_locks_down_and_a_cancelled_one_does_not(cast, meeting):
    important = f.make_meeting(
        cast.venue, cast.manager, start=meeting.starts_at + timedelta(days=2), important=True
    )
    assert services.lockdown_meeting(cast.venue, important.starts_at) == important
    services.cancel_meeting(cast.manager, important, comment="会议取消")
    assert important.status == MeetingStatus.CANCELLED
    assert services.lockdown_meeting(cast.venue, important.starts_at) is None


def test_an_ordinary_meeting_does_not_lock_the_venue(cast):
    ordinary = f.make_meeting(cast.venue, cast.manager, classification=1)
    assert services.lockdown_meeting(cast.venue, ordinary.starts_at) is None


def test_no_exceptional_admission_during_lockdown(cast, meeting, english):
    with pytest.raises(WorkflowError, match="Lockdown"):
        services.admit_visitor(
            cast.manager,
            cast.venue,
            visitor_name="李抢修",
            organisation="电力公司",
            id_tail="9876",
            purpose="抢修",
            expected_until=meeting.starts_at + timedelta(hours=1),
            reason="断电",
            now=meeting.starts_at,
        )
    assert DeniedAttempt.objects.get().reason == DenialReason.LOCKDOWN


def test_refusals_are_recorded_outside_meetings_too(cast, english):
    with pytest.raises(WorkflowError):
        services.log_entry(cast.staff, cast.venue, person=cast.outsider)
    assert DeniedAttempt.objects.get().meeting is None
