"""Check-in and check-out: one tap, recorded facts, refusals that say why."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from attendance.models import AttendanceRecord, CheckInPolicy
from onsite.models import AuditEntry
from tests.attendance.conftest import at

MONDAY = date(2026, 11, 16)


@pytest.fixture
def monday_morning():
    with time_machine.travel(at(MONDAY, 8, 55), tick=False) as traveller:
        yield traveller


@pytest.mark.django_db
@pytest.mark.rule("R2.1-strict-attendance")
def test_it_checks_in_and_out_with_ip_agent_and_position(cast, schedule, login, monday_morning):
    client = login(cast.staff)
    response = client.post(
        reverse("attendance:check_in"),
        {"lat": "31.230400", "lng": "121.473700"},
        HTTP_USER_AGENT="Mobile Safari",
        REMOTE_ADDR="10.8.1.20",
    )
    assert response.status_code == 302
    record = AttendanceRecord.objects.get(user=cast.staff)
    assert record.date == MONDAY
    assert record.site == cast.site
    assert record.check_in_at == at(MONDAY, 8, 55)
    assert record.check_in_ip == "10.8.1.20"
    assert record.check_in_agent == "Mobile Safari"
    assert str(record.check_in_lat) == "31.230400"
    monday_morning.move_to(at(MONDAY, 18, 5))
    client = login(cast.staff)  # the idle session has expired meanwhile
    client.post(reverse("attendance:check_out"), REMOTE_ADDR="10.8.1.21")
    record.refresh_from_db()
    assert record.check_out_at == at(MONDAY, 18, 5)
    assert record.check_out_ip == "10.8.1.21"
    assert AuditEntry.objects.filter(action="attendance.record.check_in", actor=cast.staff).exists()
    assert AuditEntry.objects.filter(
        action="attendance.record.check_out", actor=cast.staff
    ).exists()
    page = client.get(reverse("attendance:today"))
    assert "18:05" in page.content.decode()


@pytest.mark.django_db
@pytest.mark.rule("R2.1-strict-attendance")
def test_a_second_check_in_is_refused_with_a_message(cast, schedule, login, monday_morning):
    client = login(cast.staff)
    client.post(reverse("attendance:check_in"))
    response = client.post(reverse("attendance:check_in"), follow=True)
    assert "already checked in today at 08:55" in response.content.decode() or (
        "08:55" in response.content.decode()
    )
    assert AttendanceRecord.objects.filter(user=cast.staff).count() == 1


@pytest.mark.django_db
@pytest.mark.rule("R2.3-site-work-hours")
def test_check_in_without_an_assignment_today_is_refused(cast, schedule, login, monday_morning):
    response = login(cast.outsider).post(reverse("attendance:check_in"), follow=True)
    assert response.status_code == 200
    assert not AttendanceRecord.objects.exists()
    assert list(response.context["messages"])


@pytest.mark.django_db
def test_check_out_before_check_in_is_refused(cast, schedule, login, monday_morning):
    from attendance import services
    from onsite.workflow import WorkflowError

    with pytest.raises(WorkflowError, match="not checked in"):
        services.check_out(cast.staff)


@pytest.mark.django_db
@pytest.mark.rule("R2.1-strict-attendance")
def test_a_site_restricted_to_ip_ranges_refuses_other_addresses(cast, schedule, monday_morning):
    from attendance import services
    from onsite.workflow import WorkflowError

    CheckInPolicy.objects.create(site=cast.site, allowed_networks="10.8.0.0/16\n192.168.5.7")
    with pytest.raises(WorkflowError, match="203.0.113.9 is not part of it"):
        services.check_in(cast.staff, ip="203.0.113.9")
    assert not AttendanceRecord.objects.exists()
    assert services.check_in(cast.staff, ip="10.8.200.1").check_in_ip == "10.8.200.1"


@pytest.mark.django_db
@pytest.mark.rule("R2.1-strict-attendance")
def test_a_geofence_needs_a_position_within_the_radius(cast, schedule, monday_morning):
    from attendance import services
    from onsite.workflow import WorkflowError

    CheckInPolicy.objects.create(
        site=cast.site, latitude="31.230400", longitude="121.473700", radius_metres=200
    )
    with pytest.raises(WorkflowError, match="needs your position"):
        services.check_in(cast.staff, ip="10.0.0.1")
    with pytest.raises(WorkflowError, match=r"You are \d+ m away"):
        services.check_in(cast.staff, ip="10.0.0.1", lat="31.240400", lng="121.473700")
    record = services.check_in(cast.staff, ip="10.0.0.1", lat="31.231000", lng="121.474000")
    assert record.pk


@pytest.mark.django_db
def test_a_bad_network_in_a_policy_is_a_form_error_not_a_crash(cast):
    from django.core.exceptions import ValidationError

    policy = CheckInPolicy(site=cast.site, allowed_networks="10.8.0.0/16\nnot-an-ip")
    with pytest.raises(ValidationError, match="not-an-ip"):
        policy.full_clean()


@pytest.mark.django_db
@pytest.mark.parametrize("lat", ["NaN", "Infinity", "abc", "91", ""])
def test_a_nonsense_position_is_treated_as_missing(cast, schedule, login, monday_morning, lat):
    response = login(cast.staff).post(reverse("attendance:check_in"), {"lat": lat, "lng": "121"})
    assert response.status_code == 302
    assert AttendanceRecord.objects.get(user=cast.staff).check_in_lat is None
