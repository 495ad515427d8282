"""The venue scope of the core: managers, leaders, and staff assigned to the site that day."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from onsite.models import Venue
from onsite.permissions import may, visible
from tests.factories import AssignmentFactory, SiteFactory, VenueFactory


def test_staff_assigned_to_the_site_today_see_its_venues_and_nobody_else_does(cast, login):
    other = VenueFactory(site=SiteFactory())
    assert set(visible(cast.staff, Venue)) == {cast.venue}
    assert set(visible(cast.outsider, Venue)) == set()
    assert (
        login(cast.outsider).get(reverse("onsite:venue_detail", args=[cast.venue.pk])).status_code
        == 404
    )
    assert login(cast.staff).get(reverse("onsite:venue_detail", args=[other.pk])).status_code == 404


def test_a_manager_sees_only_the_venues_they_manage(cast):
    other = VenueFactory(site=cast.site)
    assert set(visible(cast.manager, Venue)) == {cast.venue}
    assert may(cast.manager, "onsite.manage_venue", cast.venue)
    assert not may(cast.manager, "onsite.manage_venue", other)
    assert may(cast.leader, "onsite.lead_venue", cast.venue)
    assert not may(cast.leader, "onsite.lead_venue", other)


def test_an_assignment_counts_only_on_its_days(cast):
    today = timezone.localdate()
    person = cast.outsider
    AssignmentFactory(
        user=person,
        site=cast.site,
        start_date=today - timedelta(days=10),
        end_date=today - timedelta(days=1),
    )
    assert not may(person, "onsite.serve_venue", cast.venue)
    assert may(cast.staff, "onsite.serve_venue", cast.venue)


def test_the_venue_page_lists_who_works_there_today(cast, login):
    page = login(cast.manager).get(reverse("onsite:venue_detail", args=[cast.venue.pk]))
    assert page.status_code == 200
    on_site = page.content.decode().split('data-testid="on-site"')[1].split("</dd>")[0]
    assert "张伟" in on_site


def test_administrators_see_every_venue(cast):
    VenueFactory(site=SiteFactory())
    assert visible(cast.admin, Venue).count() == Venue.objects.count() == 2


def test_the_venue_list_is_filtered_by_name(cast, login):
    page = login(cast.admin).get(reverse("onsite:venue_list"), {"q": "一号"})
    assert cast.venue.name in page.content.decode()
    page = login(cast.admin).get(reverse("onsite:venue_list"), {"q": "nothing"})
    assert cast.venue.name not in page.content.decode()


def test_a_future_assignment_does_not_open_a_venue_yet(cast):
    person = cast.outsider
    AssignmentFactory(user=person, site=cast.site, start_date=date.today() + timedelta(days=3))
    assert not visible(person, Venue).exists()
