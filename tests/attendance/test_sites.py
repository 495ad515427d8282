"""HR keeps each client site's schedules, days off and check-in rules."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from attendance.models import CheckInPolicy, SiteDayOff, SiteSchedule
from onsite.models import AuditEntry

pytestmark = pytest.mark.django_db


def schedule_data(valid_from, start="08:30"):
    return {
        "form": "schedule",
        "s-valid_from": valid_from,
        "s-weekdays": "123456",
        "s-start_time": start,
        "s-end_time": "17:30",
        "s-grace_minutes": "10",
        "s-follows_national_calendar": "on",
    }


@time_machine.travel("2026-11-24 10:00 +0800", tick=False)
def test_hr_adds_a_schedule_from_a_date_on_but_never_rewrites_the_past(cast, schedule, login):
    client = login(cast.hr)
    url = reverse("attendance:site_detail", args=[cast.site.pk])
    response = client.post(url, schedule_data("2026-11-01"))
    assert response.status_code == 200
    assert "past days keep" in response.content.decode() or "保持" in response.content.decode()
    assert client.post(url, schedule_data("2026-12-01")).status_code == 302
    assert list(
        SiteSchedule.objects.filter(site=cast.site).values_list("valid_from", flat=True)
    ) == [date(2026, 12, 1), date(2026, 1, 1)]
    assert AuditEntry.objects.filter(action="attendance.site_schedule.add", actor=cast.hr).exists()
    bad = client.post(url, {**schedule_data("2026-12-08"), "s-weekdays": "189"})
    assert bad.status_code == 200
    assert SiteSchedule.objects.filter(site=cast.site).count() == 2


def test_hr_adds_and_removes_a_client_day_off(cast, login):
    client = login(cast.hr)
    url = reverse("attendance:site_detail", args=[cast.site.pk])
    client.post(url, {"form": "day_off", "d-date": "2026-12-24", "d-reason": "客户内部活动"})
    day = SiteDayOff.objects.get(site=cast.site)
    again = client.post(url, {"form": "day_off", "d-date": "2026-12-24", "d-reason": "x"})
    assert again.status_code == 200
    client.post(reverse("attendance:site_day_off_delete", args=[day.pk]))
    assert not SiteDayOff.objects.exists()


def test_hr_sets_the_check_in_rules_and_a_bad_range_is_a_form_error(cast, login):
    client = login(cast.hr)
    url = reverse("attendance:site_detail", args=[cast.site.pk])
    data = {
        "form": "policy",
        "p-allowed_networks": "10.8.0.0/16\nbogus",
        "p-latitude": "31.2304",
        "p-longitude": "121.4737",
        "p-radius_metres": "200",
    }
    assert client.post(url, data).status_code == 200
    assert not CheckInPolicy.objects.exists()
    data["p-allowed_networks"] = "10.8.0.0/16"
    assert client.post(url, data).status_code == 302
    policy = CheckInPolicy.objects.get(site=cast.site)
    assert policy.radius_metres == 200 and policy.has_geofence


def test_the_site_list_does_not_query_per_site(cast, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import SiteFactory

    client = login(cast.hr)
    url = reverse("attendance:site_list")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    for _ in range(4):
        SiteFactory()
    client.get(url)
    few = count()
    for _ in range(45):
        site = SiteFactory()
        SiteSchedule.objects.create(
            site=site, valid_from=date(2026, 1, 1), start_time="09:00", end_time="18:00"
        )
        CheckInPolicy.objects.create(site=site, allowed_networks="10.0.0.0/8")
    assert count() == few
