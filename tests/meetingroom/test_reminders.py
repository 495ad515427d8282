"""Every reminder kind of the meeting rooms is sent exactly once per period."""

from datetime import timedelta

import pytest
from django.utils import timezone

from meetingroom.choices import DepositStatus, VisitStatus
from meetingroom.models import MeetingRecording, VenueSettings
from onsite.models import Notification
from onsite.reminding import run_scan
from tests.archive.factories import ItemFactory
from tests.meetingroom import factories as f


def _sent_to(user, kind):
    return Notification.objects.filter(recipient=user, kind=kind).count()


def test_an_entry_left_open_past_the_venues_limit_is_reminded_once(cast):
    VenueSettings.objects.create(venue=cast.venue, open_entry_hours=4)
    now = timezone.now()
    f.make_entry(cast.venue, cast.staff, cast.staff, at=now - timedelta(hours=5))
    f.make_entry(cast.venue, cast.manager, cast.staff, at=now - timedelta(hours=3))
    assert run_scan("meetingroom_entry_open", now) == 1
    assert run_scan("meetingroom_entry_open", now + timedelta(hours=2)) == 1  # the second one
    assert run_scan("meetingroom_entry_open", now + timedelta(hours=3)) == 0
    assert _sent_to(cast.manager, "meetingroom_entry_open") == 2


@pytest.mark.rule("R2.4-visitor-leader-approval")
def test_an_unconfirmed_exceptional_admission_reminds_the_leader_once_a_day(cast):
    visit = f.make_visit(cast.venue, cast.manager, cast.manager, VisitStatus.ADMITTED)
    now = timezone.now()
    assert run_scan("meetingroom_admission_unconfirmed", now) == 1
    assert run_scan("meetingroom_admission_unconfirmed", now) == 0
    assert run_scan("meetingroom_admission_unconfirmed", now + timedelta(days=1)) == 1
    visit.status = VisitStatus.CONFIRMED
    visit.save()
    assert run_scan("meetingroom_admission_unconfirmed", now + timedelta(days=2)) == 0
    assert _sent_to(cast.leader, "meetingroom_admission_unconfirmed") == 2


def test_devices_not_returned_after_the_meeting_are_reminded_once(cast):
    meeting = f.make_meeting(cast.venue, cast.manager, start=timezone.now() - timedelta(hours=3))
    f.make_deposit(meeting, cast.staff)
    f.make_deposit(meeting, cast.staff, DepositStatus.RETURNED)
    later = f.make_meeting(cast.venue, cast.manager)
    f.make_deposit(later, cast.staff)
    now = timezone.now()
    assert run_scan("meetingroom_device_not_returned", now) == 1
    assert run_scan("meetingroom_device_not_returned", now) == 0
    assert _sent_to(cast.manager, "meetingroom_device_not_returned") == 1
    assert _sent_to(cast.staff, "meetingroom_device_not_returned") == 1


@pytest.mark.rule("R2.4-confidentiality-pledge")
def test_a_pledge_expiring_reminds_the_person_and_the_supervisor_once_per_notice(cast):
    today = timezone.localdate()
    f.make_pledge(cast.staff, signed_on=today - timedelta(days=345), days=365)  # 20 days left
    f.make_pledge(cast.manager, signed_on=today - timedelta(days=345), days=365)
    f.make_pledge(cast.manager, signed_on=today, days=365)  # already signed again
    now = timezone.now()
    assert run_scan("meetingroom_pledge_expiring", now) == 1
    assert run_scan("meetingroom_pledge_expiring", now) == 0
    assert run_scan("meetingroom_pledge_expiring", now + timedelta(days=14)) == 1  # a week left
    assert _sent_to(cast.staff, "meetingroom_pledge_expiring") == 2
    assert _sent_to(cast.supervisor, "meetingroom_pledge_expiring") == 2
    assert _sent_to(cast.manager, "meetingroom_pledge_expiring") == 0


@pytest.mark.rule("R2.4-recordings-to-archive")
def test_a_classified_meeting_without_recordings_two_days_after_reminds_once(cast):
    now = timezone.now()
    done = f.make_meeting(cast.venue, cast.manager, start=now - timedelta(days=3), classification=2)
    done.staff.set([cast.staff])
    handed = f.make_meeting(
        cast.venue, cast.manager, start=now - timedelta(days=3), classification=2
    )
    MeetingRecording.objects.create(
        meeting=handed,
        item=ItemFactory(collection=cast.collection, custodian=cast.custodian),
        handed_over_by=cast.staff,
        handed_over_at=now,
    )
    f.make_meeting(cast.venue, cast.manager, start=now - timedelta(days=3), classification=0)
    f.make_meeting(cast.venue, cast.manager, start=now - timedelta(days=1), classification=2)
    assert run_scan("meetingroom_recordings_missing", now) == 1
    assert run_scan("meetingroom_recordings_missing", now) == 0
    assert _sent_to(cast.staff, "meetingroom_recordings_missing") == 1
    assert _sent_to(cast.manager, "meetingroom_recordings_missing") == 1
