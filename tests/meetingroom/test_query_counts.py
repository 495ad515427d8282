"""The meeting rooms' daily pages run the same queries for 5 and for 50 rows, at most 15
with the signed-in overhead (issue 13)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from meetingroom.choices import VisitStatus
from tests.factories import UserFactory
from tests.meetingroom.factories import make_entry, make_meeting, make_pledge, make_visit
from tests.query_pins import pinned


def _entries(cast):
    def add(n):
        for number in range(n):
            person = UserFactory(roles=["staff"], department=cast.dept_a)
            exited = timezone.now() - timedelta(minutes=5) if number % 2 else None
            make_entry(cast.venue, person, cast.manager, exited=exited)

    return add


@pytest.mark.parametrize(
    "name", ["meetingroom:access_log", "meetingroom:door", "meetingroom:door_panel"]
)
def test_the_access_log_and_the_door_with_who_is_inside(cast, login, name):
    url = reverse(name, args=[cast.venue.pk])
    pinned(login(cast.manager), url, _entries(cast))


def test_the_venue_page(cast, login):
    url = reverse("meetingroom:venue_detail", args=[cast.venue.pk])
    pinned(login(cast.manager), url, _entries(cast))


def test_the_rooms_index(cast, login):
    def add(n):
        _entries(cast)(n)
        for _ in range(n):
            make_meeting(cast.venue, cast.manager)

    pinned(login(cast.manager), reverse("meetingroom:index"), add)


def test_the_visits(cast, login):
    def add(n):
        for number in range(n):
            status = VisitStatus.FILED if number % 2 else VisitStatus.APPROVED
            make_visit(cast.venue, cast.staff, cast.manager, status=status)

    url = reverse("meetingroom:visit_list", args=[cast.venue.pk])
    pinned(login(cast.manager), url, add)


def test_the_meetings_calendar(cast, login):
    def add(n):
        for number in range(n):
            make_meeting(cast.venue, cast.manager, start=timezone.now() + timedelta(hours=number))

    url = reverse("meetingroom:calendar", args=[cast.venue.pk])
    pinned(login(cast.manager), url, add)


def test_the_pledges(cast, login):
    def add(n):
        for _ in range(n):
            make_pledge(UserFactory(roles=["staff"], department=cast.dept_a))

    pinned(login(cast.supervisor), reverse("meetingroom:pledge_list"), add)
