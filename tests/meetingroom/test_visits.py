"""Visitors: prior approval by the leader, the window, supervision, and the exceptional
admission confirmed afterwards."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from meetingroom import services
from meetingroom.choices import VISIT, DenialReason, VisitStatus
from meetingroom.models import AccessEntry, DeniedAttempt
from onsite.models import AuditEntry, Notification
from onsite.workflow import WorkflowError
from tests.meetingroom import factories as f

pytestmark = pytest.mark.rule("R2.4-visitor-leader-approval")


def _file(cast, **extra):
    now = timezone.now()
    data = {
        "visitor_name": "王来访",
        "organisation": "设备厂商",
        "id_tail": "1234",
        "purpose": "检修调音台",
        "expected_from": now - timedelta(minutes=10),
        "expected_until": now + timedelta(hours=2),
        "supervisor": cast.manager,
        **extra,
    }
    return services.file_visit(cast.staff, cast.venue, **data)


@pytest.mark.rule("R2.4-visitor-supervised")
def test_an_approved_visit_inside_its_window_is_logged_in_under_a_manager(cast):
    visit = _file(cast)
    assert Notification.objects.filter(recipient=cast.leader).exists()
    services.approve_visit(cast.leader, visit, comment="同意")
    visit.refresh_from_db()
    assert visit.status == VisitStatus.APPROVED and visit.decided_by == cast.leader
    entry = services.log_entry(cast.staff, cast.venue, visit=visit)
    assert entry.supervisor == cast.manager and entry.name == "王来访"
    assert AuditEntry.objects.filter(action="meetingroom.visit.approve").exists()


def test_an_unapproved_visit_is_refused_and_recorded(cast, english):
    visit = _file(cast)
    with pytest.raises(WorkflowError, match="not approved"):
        services.log_entry(cast.staff, cast.venue, visit=visit)
    attempt = DeniedAttempt.objects.get()
    assert attempt.reason == DenialReason.UNAPPROVED and attempt.visit == visit
    assert not AccessEntry.objects.exists()


@pytest.mark.parametrize("minutes", [-11, 121])
def test_an_approved_visit_outside_its_window_is_refused_and_recorded(cast, english, minutes):
    visit = _file(cast)
    services.approve_visit(cast.leader, visit)
    with pytest.raises(WorkflowError, match="approved for"):
        services.log_entry(
            cast.staff, cast.venue, visit=visit, now=timezone.now() + timedelta(minutes=minutes)
        )
    assert DeniedAttempt.objects.get().reason == DenialReason.OUTSIDE_WINDOW


def test_only_the_venues_leader_decides_and_a_rejection_gives_its_reason(cast):
    visit = _file(cast)
    assert [a.name for a in VISIT.actions_for(cast.manager, visit)] == ["cancel"]
    with pytest.raises(PermissionDenied):
        services.approve_visit(cast.manager, visit)
    with pytest.raises(WorkflowError):
        services.reject_visit(cast.leader, visit, comment="")
    services.reject_visit(cast.leader, visit, comment="无必要")
    visit.refresh_from_db()
    assert visit.status == VisitStatus.REJECTED and visit.decision_comment == "无必要"


@pytest.mark.rule("R2.4-visitor-supervised")
def test_a_visit_is_supervised_by_a_manager_of_the_venue(cast, english):
    with pytest.raises(WorkflowError, match="supervised by a manager"):
        _file(cast, supervisor=cast.staff)


@pytest.mark.rule("R2.4-visitor-supervised")
def test_an_exceptional_admission_is_flagged_logged_in_and_confirmed_by_the_leader(cast):
    visit = services.admit_visitor(
        cast.manager,
        cast.venue,
        visitor_name="李抢修",
        organisation="电力公司",
        id_tail="9876",
        purpose="紧急抢修供电",
        expected_until=timezone.now() + timedelta(hours=1),
        reason="机房断电，需立即抢修",
    )
    assert visit.status == VisitStatus.ADMITTED and visit.flagged
    entry = AccessEntry.objects.get(visit=visit)
    assert entry.supervisor == cast.manager
    assert Notification.objects.filter(recipient=cast.leader, title__contains="李抢修").exists()
    page = services.confirm_admission(cast.leader, visit, comment="情况属实")
    assert page.status == VisitStatus.CONFIRMED and page.flagged


def test_only_a_manager_admits_without_approval_and_only_with_a_reason(cast, login):
    data = {
        "visitor_name": "李抢修",
        "organisation": "电力公司",
        "id_tail": "9876",
        "purpose": "紧急抢修",
        "expected_until": (timezone.localtime() + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "reason": "",
    }
    url = reverse("meetingroom:visit_admit", args=[cast.venue.pk])
    assert login(cast.staff).post(url, data).status_code == 403
    assert login(cast.manager).post(url, data).status_code == 400
    assert login(cast.manager).post(url, {**data, "reason": "断电抢修"}).status_code == 302
    assert AccessEntry.objects.filter(visit__visitor_name="李抢修").exists()


def test_the_visit_page_offers_the_leader_the_decision(cast, login):
    visit = f.make_visit(cast.venue, cast.staff, cast.manager)
    page = login(cast.leader).get(visit.get_absolute_url()).content.decode()
    assert 'data-action="approve"' in page and 'data-action="reject"' in page
    page = login(cast.staff).get(visit.get_absolute_url()).content.decode()
    assert 'data-action="approve"' not in page and 'data-action="cancel"' in page
