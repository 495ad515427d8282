"""A higher communication allowance: the person explains, the supervisor states, and only
the vice president's approval makes it apply."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from duties.choices import VPRequestStatus
from duties.services import vp as service
from onsite.models import AuditEntry, Notification
from onsite.workflow import WorkflowError
from tests.duties.factories import VPRequestFactory


def _submit(cast):
    return service.submit_vp_request(
        cast.staff,
        title="提高通讯补贴",
        explanation="驻场期间需每天与甲方、公司多次通话，现有 100 元不够。",
        current_amount=Decimal("100"),
        requested_amount=Decimal("200"),
    )


@pytest.mark.rule("R2.3-comm-allowance-explained", "R2.3-comm-allowance-vp-approval")
def test_the_two_steps_the_supervisors_statement_then_the_vice_presidents_approval(cast):
    request = _submit(cast)
    assert request.status == VPRequestStatus.SUBMITTED
    assert Notification.objects.filter(recipient=cast.supervisor).exists()
    with pytest.raises(WorkflowError):
        service.approve_vp_request(cast.vp, request)  # not before the supervisor's statement
    service.state_vp_request(cast.supervisor, request, comment="情况属实，建议批准。")
    request.refresh_from_db()
    assert request.status == VPRequestStatus.STATED and request.stated_by == cast.supervisor
    assert Notification.objects.filter(recipient=cast.vp).exists()
    service.approve_vp_request(cast.vp, request, comment="同意，自下月起执行。")
    request.refresh_from_db()
    assert request.status == VPRequestStatus.APPROVED and request.decided_by == cast.vp
    assert list(
        AuditEntry.objects.filter(object_id=str(request.pk), action__startswith="duties.vp")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["duties.vp_request.submit", "duties.vp_request.state", "duties.vp_request.approve"]
    told = Notification.objects.filter(title__contains="提高通讯补贴").values_list(
        "recipient__username", flat=True
    )
    assert {"staff", "supervisor"} <= set(told)


@pytest.mark.rule("R2.3-comm-allowance-explained")
def test_the_statement_is_the_applicants_supervisors_and_needs_words(cast):
    request = _submit(cast)
    for person in (cast.outsider, cast.hr, cast.vp, cast.staff):
        with pytest.raises(PermissionDenied):
            service.state_vp_request(person, request, comment="同意")
    with pytest.raises(WorkflowError):
        service.state_vp_request(cast.supervisor, request, comment="")


@pytest.mark.rule("R2.3-comm-allowance-vp-approval")
def test_only_a_vice_president_decides_and_a_rejection_says_why(cast):
    request = VPRequestFactory(
        applicant=cast.staff, status=VPRequestStatus.STATED, stated_by=cast.supervisor
    )
    for person in (cast.supervisor, cast.hr, cast.staff):
        with pytest.raises(PermissionDenied):
            service.approve_vp_request(person, request)
    with pytest.raises(WorkflowError):
        service.reject_vp_request(cast.vp, request, comment="")
    service.reject_vp_request(cast.vp, request, comment="预算不足")
    request.refresh_from_db()
    assert request.status == VPRequestStatus.REJECTED and request.decision_comment == "预算不足"


def test_an_amount_must_go_up_and_the_applicant_may_withdraw(cast):
    with pytest.raises(WorkflowError):
        service.submit_vp_request(
            cast.staff,
            title="降低",
            explanation="x",
            current_amount=Decimal("200"),
            requested_amount=Decimal("100"),
        )
    request = _submit(cast)
    with pytest.raises(PermissionDenied):
        service.withdraw_vp_request(cast.supervisor, request)
    service.withdraw_vp_request(cast.staff, request)
    request.refresh_from_db()
    assert request.status == VPRequestStatus.WITHDRAWN


def test_requests_are_seen_by_the_applicant_their_supervisors_and_the_vice_president(cast, login):
    request = VPRequestFactory(applicant=cast.staff)
    url = reverse("duties:vp_request_detail", args=[request.pk])
    for person, status in [
        (cast.staff, 200),
        (cast.supervisor, 200),
        (cast.vp, 200),
        (cast.hr, 404),
        (cast.outsider, 404),
    ]:
        assert login(person).get(url).status_code == status
    queue = login(cast.vp).get(reverse("duties:vp_request_list"), {"team": "1"})
    assert request in queue.context["page"].object_list
