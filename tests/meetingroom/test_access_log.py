"""The access log: listed people enter and exit, who is inside, never inside twice, every
refusal recorded, and venue scope."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from meetingroom import services
from meetingroom.choices import DenialReason, EntryStatus
from meetingroom.models import AccessEntry, DeniedAttempt
from onsite.models import AuditEntry
from onsite.workflow import WorkflowError
from tests.factories import AssignmentFactory, UserFactory, VenueFactory
from tests.meetingroom import factories as f


@pytest.mark.rule("R2.4-control-room-no-unlisted-entry")
def test_a_listed_person_enters_and_exits_and_both_are_audited(cast):
    entry = services.log_entry(cast.manager, cast.venue, person=cast.staff, purpose="会前调试")
    assert entry.status == EntryStatus.INSIDE and entry.logged_by == cast.manager
    services.log_exit(cast.staff, entry)
    entry.refresh_from_db()
    assert entry.status == EntryStatus.LEFT and entry.exited_at >= entry.entered_at
    assert entry.exit_logged_by == cast.staff
    actions = list(
        AuditEntry.objects.filter(object_id=str(entry.pk)).values_list("action", flat=True)
    )
    assert sorted(actions) == ["meetingroom.entry.enter", "meetingroom.entry.exit"]


@pytest.mark.rule("R2.4-control-room-no-unlisted-entry")
def test_who_is_inside_after_a_sequence_of_entries_and_exits(cast):
    colleague = UserFactory(roles=["staff"])
    AssignmentFactory(user=colleague, site=cast.site)
    now = timezone.now()
    first = services.log_entry(cast.staff, cast.venue, person=cast.staff, now=now)
    second = services.log_entry(cast.staff, cast.venue, person=colleague, now=now)
    third = services.log_entry(cast.staff, cast.venue, person=cast.manager, now=now)
    services.log_exit(cast.staff, second, now=now + timedelta(minutes=5))
    services.log_exit(cast.staff, first, now=now + timedelta(minutes=6))
    again = services.log_entry(
        cast.staff, cast.venue, person=cast.staff, now=now + timedelta(minutes=7)
    )
    assert [e.pk for e in services.inside(cast.venue)] == [third.pk, again.pk]


@pytest.mark.rule("R2.4-control-room-no-unlisted-entry")
def test_a_person_cannot_be_inside_twice_in_this_or_another_venue(cast, english):
    services.log_entry(cast.staff, cast.venue, person=cast.staff)
    with pytest.raises(WorkflowError, match="already inside"):
        services.log_entry(cast.staff, cast.venue, person=cast.staff)
    other = VenueFactory(site=cast.site, name="二号音控机房")
    with pytest.raises(WorkflowError, match="already inside"):
        services.log_entry(cast.staff, other, person=cast.staff)
    assert AccessEntry.objects.filter(person=cast.staff).count() == 1


def test_the_database_refuses_a_second_open_entry_of_one_person(cast):
    f.make_entry(cast.venue, cast.staff, cast.staff)
    with pytest.raises(IntegrityError), transaction.atomic():
        f.make_entry(cast.venue, cast.staff, cast.staff)


def test_the_exit_cannot_be_before_the_entry(cast, english):
    entry = services.log_entry(cast.staff, cast.venue, person=cast.staff)
    with pytest.raises(WorkflowError, match="before the entry"):
        services.log_exit(cast.staff, entry, now=entry.entered_at - timedelta(minutes=1))


@pytest.mark.rule("R2.4-control-room-no-unlisted-entry")
def test_an_unlisted_person_is_refused_with_a_message_and_the_attempt_is_recorded(cast, english):
    with pytest.raises(WorkflowError, match="not listed"):
        services.log_entry(cast.staff, cast.venue, person=cast.outsider)
    with pytest.raises(WorkflowError, match="no approved visit"):
        services.log_entry(cast.staff, cast.venue, name="路人甲", organisation="某公司")
    attempts = DeniedAttempt.objects.filter(venue=cast.venue)
    assert sorted(attempts.values_list("name", flat=True)) == sorted(
        ["路人甲", cast.outsider.last_name + cast.outsider.first_name]
    )
    assert set(attempts.values_list("reason", flat=True)) == {DenialReason.UNAPPROVED}
    assert AuditEntry.objects.filter(action="meetingroom.entry.deny").count() == 2
    assert not AccessEntry.objects.exists()


def test_staff_log_an_entry_in_two_taps_and_a_refusal_says_why(cast, login):
    client = login(cast.staff)
    url = reverse("meetingroom:entry_create", args=[cast.venue.pk])
    got = client.post(url, {"person": cast.staff.pk})
    assert got.status_code == 302
    assert AccessEntry.objects.filter(person=cast.staff, status=EntryStatus.INSIDE).exists()
    refused = client.post(url, {"name": "路人甲"}, follow=True)
    assert refused.status_code == 400
    assert DeniedAttempt.objects.filter(name="路人甲").exists()
    assert "路人甲" in refused.content.decode()


@pytest.mark.rule("R2.4-venues-and-operators")
def test_a_manager_of_one_venue_sees_nothing_of_another(cast, login):
    other = VenueFactory(name="另一个机房")
    entry = f.make_entry(other, cast.outsider, cast.outsider)
    meeting = f.make_meeting(other, cast.outsider)
    client = login(cast.manager)
    for url in [
        reverse("meetingroom:venue_detail", args=[other.pk]),
        reverse("meetingroom:access_log", args=[other.pk]),
        reverse("meetingroom:entry_detail", args=[entry.pk]),
        reverse("meetingroom:meeting_detail", args=[meeting.pk]),
        reverse("meetingroom:door", args=[other.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    page = client.get(reverse("meetingroom:index")).content.decode()
    assert cast.venue.name in page and "另一个机房" not in page


@pytest.mark.rule("R2.4-venues-and-operators")
def test_the_venue_page_lists_who_is_inside_for_its_people(cast, login):
    f.make_entry(cast.venue, cast.manager, cast.staff)
    page = login(cast.leader).get(reverse("meetingroom:venue_detail", args=[cast.venue.pk]))
    assert page.status_code == 200
    assert cast.manager.last_name + cast.manager.first_name in page.content.decode()


def test_a_refusal_at_the_door_goes_back_to_the_door_saying_why(cast, login):
    door = reverse("meetingroom:door", args=[cast.venue.pk])
    got = login(cast.staff).post(
        reverse("meetingroom:entry_create", args=[cast.venue.pk]),
        {"person": cast.staff.pk, "next": door},
    )
    assert got.status_code == 302 and got.url == door
    again = login(cast.staff).post(
        reverse("meetingroom:entry_create", args=[cast.venue.pk]),
        {"person": cast.staff.pk, "next": door},
        follow=True,
    )
    assert again.redirect_chain[-1][0] == door
    assert "张伟" in str(list(again.context["messages"])[0])


def test_the_venue_list_counts_only_the_people_still_inside(cast, login):
    now = timezone.now()
    for hours in range(1, 6):  # five visits that ended
        f.make_entry(
            cast.venue,
            cast.staff,
            cast.manager,
            at=now - timedelta(hours=hours + 1),
            exited=now - timedelta(hours=hours),
        )
    f.make_entry(cast.venue, cast.staff, cast.manager)
    f.make_entry(cast.venue, cast.supervisor, cast.manager)
    page = login(cast.manager).get(reverse("meetingroom:index")).content.decode()
    assert "2人在内" in page and "7人在内" not in page
