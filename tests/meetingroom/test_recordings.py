"""Recordings to the archive in one step: items in the venue's collection, linked to the
meeting, the custodians told, visible only to those granted."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from archive.models import Item
from meetingroom import services
from meetingroom.models import MeetingRecording, VenueSettings
from onsite.models import AuditEntry, Notification
from onsite.permissions import visible
from onsite.workflow import WorkflowError
from tests.archive.factories import GrantFactory
from tests.factories import PASSWORD
from tests.meetingroom import factories as f

pytestmark = pytest.mark.rule("R2.4-recordings-to-archive")

TAPES = [
    {"title": "保密会议录像", "medium": "disc", "location": "保密柜-1", "copies": 2},
    {"title": "保密会议录音", "medium": "drive", "location": "保密柜-1", "copies": 1},
]


def _receiver(cast):
    return {"custodian": cast.custodian, "custodian_password": PASSWORD}


@pytest.fixture
def ended(cast):
    VenueSettings.objects.create(venue=cast.venue, collection=cast.collection)
    return f.make_meeting(
        cast.venue, cast.manager, start=timezone.now() - timedelta(hours=4), classification=2
    )


def test_the_hand_over_creates_linked_items_visible_only_to_the_granted(cast, ended, login):
    links = services.hand_over_recordings(
        cast.staff,
        ended,
        recordings=TAPES,
        custodian=cast.custodian,
        custodian_password=PASSWORD,
    )
    items = Item.objects.filter(pk__in=[link.item_id for link in links])
    assert items.count() == 2
    assert set(items.values_list("collection", "classification", "custodian")) == {
        (cast.collection.pk, 2, cast.custodian.pk)
    }
    assert MeetingRecording.objects.filter(meeting=ended).count() == 2
    assert items.get(title="保密会议录像").copies.count() == 2
    assert Notification.objects.filter(recipient=cast.custodian, title__contains=ended.title)
    assert AuditEntry.objects.filter(action="meetingroom.meeting.hand_over").exists()
    # Only people granted the collection at the meeting's level see the items.
    assert visible(cast.staff, Item).filter(pk__in=items).count() == 0
    assert visible(cast.custodian, Item).filter(pk__in=items).count() == 2
    GrantFactory(user=cast.staff, collection=cast.collection, clearance=2)
    assert visible(cast.staff, Item).filter(pk__in=items).count() == 2
    GrantFactory(user=cast.supervisor, collection=cast.collection, clearance=1)
    assert visible(cast.supervisor, Item).filter(pk__in=items).count() == 0
    page = login(cast.manager).get(ended.get_absolute_url()).content.decode()
    assert "保密会议录像" not in page  # the manager is not granted: the link, not the title


def test_the_custodian_confirms_with_their_password(cast, ended, english):
    with pytest.raises(WorkflowError, match="not correct"):
        services.hand_over_recordings(
            cast.staff, ended, recordings=TAPES, custodian=cast.custodian, custodian_password="x"
        )
    with pytest.raises(WorkflowError, match="custodian of the venue"):
        services.hand_over_recordings(
            cast.staff, ended, recordings=TAPES, custodian=cast.manager, custodian_password=PASSWORD
        )
    assert not Item.objects.exists()


def test_no_hand_over_before_the_end_or_without_a_collection(cast, english):
    future = f.make_meeting(cast.venue, cast.manager)
    with pytest.raises(WorkflowError, match="no archive collection"):
        services.hand_over_recordings(
            cast.staff,
            future,
            recordings=TAPES,
            custodian=cast.custodian,
            custodian_password=PASSWORD,
        )
    VenueSettings.objects.create(venue=cast.venue, collection=cast.collection)
    with pytest.raises(WorkflowError, match="after the meeting has ended"):
        services.hand_over_recordings(
            cast.staff,
            future,
            recordings=TAPES,
            custodian=cast.custodian,
            custodian_password=PASSWORD,
        )


def test_the_hand_over_page_creates_the_items(cast, ended, login):
    got = login(cast.staff).post(
        reverse("meetingroom:recordings_hand_over", args=[ended.pk]),
        {
            "rec-TOTAL_FORMS": "1",
            "rec-INITIAL_FORMS": "0",
            "rec-0-title": "会议录像",
            "rec-0-medium": "tape",
            "rec-0-location": "A-01",
            "rec-0-copies": "1",
            "custodian": cast.custodian.pk,
            "custodian_password": PASSWORD,
        },
    )
    assert got.status_code == 302
    assert ended.recordings.get().item.title == "会议录像"
