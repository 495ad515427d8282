"""Client requests inside and outside a written authorisation, and the authorisations
themselves: who issues them, the window, site and kinds of work they cover."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from duties.choices import CLIENT_REQUEST, AuthorisationStatus, ClientRequestStatus
from duties.services import requests as service
from onsite.models import AuditEntry, Notification
from onsite.workflow import WorkflowError
from tests.duties.factories import AuthorisationFactory, ClientRequestFactory
from tests.factories import SiteFactory


def _log(cast, category="fault", **kwargs):
    fields = {
        "asked_by": "会务处王处长",
        "asked_at": timezone.now() - timedelta(minutes=10),
        "category": category,
        "description": "三楼会议室话筒没有声音",
    }
    fields.update(kwargs)
    return service.log_request(cast.staff, cast.site, **fields)


@pytest.mark.rule("R1-assist-client-work")
def test_staff_log_what_a_client_asked_who_asked_and_when_at_their_site_only(cast):
    logged = _log(cast)
    assert logged.status == ClientRequestStatus.LOGGED
    assert logged.asked_by == "会务处王处长" and logged.site == cast.site
    assert AuditEntry.objects.filter(action="duties.client_request.log").exists()
    with pytest.raises(PermissionDenied):
        service.log_request(
            cast.staff,
            SiteFactory(),
            asked_by="别处",
            asked_at=timezone.now(),
            category="fault",
            description="x",
        )
    with pytest.raises(WorkflowError):
        _log(cast, asked_at=timezone.now() + timedelta(hours=1))


@pytest.mark.rule("R2.3-no-unauthorised-promises", "R2.3-written-authorisation")
def test_work_inside_the_written_authorisation_is_done_and_recorded(cast):
    cover = AuthorisationFactory(holder=cast.staff, issued_by=cast.hr, site=cast.site)
    logged = _log(cast, category="fault")
    assert CLIENT_REQUEST.allows(cast.staff, logged, "complete")
    service.complete_request(cast.staff, logged, comment="更换电池后恢复")
    logged.refresh_from_db()
    assert logged.status == ClientRequestStatus.DONE
    assert logged.authorisation == cover and logged.outcome == "更换电池后恢复"


@pytest.mark.rule("R2.3-no-unauthorised-promises", "R2.3-written-authorisation")
def test_work_outside_it_is_not_done_the_portal_says_why_and_it_goes_to_the_supervisor(cast, login):
    AuthorisationFactory(holder=cast.staff, issued_by=cast.hr, categories="fault")
    logged = _log(cast, category="purchase", description="甲方要求报价并采购两只话筒")
    reason = CLIENT_REQUEST.refusal(cast.staff, logged, "complete")
    assert cast.site.name in reason  # says what is not covered, and where
    actions = [action.name for action in CLIENT_REQUEST.actions_for(cast.staff, logged)]
    assert actions == ["escalate"]
    with pytest.raises(WorkflowError):
        service.complete_request(cast.staff, logged, comment="已答应")
    page = login(cast.staff).get(reverse("duties:request_detail", args=[logged.pk]))
    text = page.content.decode()
    assert 'data-testid="not-covered"' in text and 'data-action="complete"' not in text

    service.escalate_request(cast.staff, logged, comment="请主管决定")
    assert Notification.objects.filter(recipient=cast.supervisor).count() == 1
    with pytest.raises(PermissionDenied):
        service.approve_request(cast.staff, logged, comment="自己批")
    service.approve_request(cast.supervisor, logged, comment="同意采购，限额五百元")
    logged.refresh_from_db()
    assert logged.status == ClientRequestStatus.APPROVED
    assert Notification.objects.filter(recipient=cast.staff).exists()
    service.complete_request(cast.staff, logged, comment="已报价并采购")
    logged.refresh_from_db()
    assert logged.status == ClientRequestStatus.DONE and logged.authorisation is None


@pytest.mark.rule("R2.3-no-unauthorised-promises")
def test_the_supervisor_may_decline_an_escalated_request_with_a_reason(cast):
    logged = ClientRequestFactory(
        logged_by=cast.staff, site=cast.site, status=ClientRequestStatus.ESCALATED
    )
    with pytest.raises(WorkflowError):
        service.decline_request(cast.supervisor, logged, comment="")
    with pytest.raises(PermissionDenied):
        service.decline_request(cast.hr, logged, comment="不行")
    service.decline_request(cast.supervisor, logged, comment="超出合同范围")
    logged.refresh_from_db()
    assert logged.status == ClientRequestStatus.DECLINED and logged.decision == "超出合同范围"


@pytest.mark.rule("R2.3-written-authorisation")
def test_an_authorisation_covers_only_its_window_its_site_and_its_kinds(cast):
    today = timezone.localdate()
    other_site = SiteFactory()
    record = AuthorisationFactory(
        holder=cast.staff,
        issued_by=cast.hr,
        site=cast.site,
        valid_from=today - timedelta(days=1),
        valid_to=today + timedelta(days=1),
    )
    cover = service.covering_authorisation
    assert cover(cast.staff, "fault", cast.site.pk, today) == record
    assert cover(cast.staff, "fault", cast.site.pk, today + timedelta(days=1)) == record
    assert cover(cast.staff, "fault", cast.site.pk, today + timedelta(days=2)) is None
    assert cover(cast.staff, "fault", cast.site.pk, today - timedelta(days=2)) is None
    assert cover(cast.staff, "fault", other_site.pk, today) is None
    assert cover(cast.staff, "contract", cast.site.pk, today) is None
    assert cover(cast.supervisor, "fault", cast.site.pk, today) is None
    everywhere = AuthorisationFactory(holder=cast.staff, issued_by=cast.hr, site=None)
    assert cover(cast.staff, "fault", other_site.pk, today) == everywhere
    everywhere.status = AuthorisationStatus.REVOKED
    everywhere.save()
    assert cover(cast.staff, "fault", other_site.pk, today) is None


@pytest.mark.rule("R2.3-written-authorisation")
def test_hr_or_the_holders_supervisor_issues_and_revokes_an_authorisation(cast):
    today = timezone.localdate()
    window = {"valid_from": today, "valid_to": today + timedelta(days=90)}
    record = service.issue_authorisation(
        cast.supervisor, cast.staff, scope="会议设备维修", categories=["fault", "bogus"], **window
    )
    assert record.category_list == ["fault"] and record.issued_by == cast.supervisor
    assert Notification.objects.filter(recipient=cast.staff).exists()
    for person, holder in [
        (cast.staff, cast.supervisor),
        (cast.supervisor, cast.outsider),
        (cast.supervisor, cast.supervisor),
        (cast.vp, cast.staff),
    ]:
        with pytest.raises(PermissionDenied):
            service.issue_authorisation(person, holder, scope="x", categories=["fault"], **window)
    with pytest.raises(WorkflowError):
        service.issue_authorisation(cast.hr, cast.staff, scope="x", categories=[], **window)
    with pytest.raises(PermissionDenied):
        service.revoke_authorisation(cast.staff, record, comment="自己撤销")
    service.revoke_authorisation(cast.hr, record, comment="调岗")
    record.refresh_from_db()
    assert record.status == AuthorisationStatus.REVOKED and record.revoked_by == cast.hr


def test_authorisations_are_visible_to_the_holder_their_supervisors_and_hr(cast, login):
    record = AuthorisationFactory(holder=cast.staff, issued_by=cast.hr)
    url = reverse("duties:authorisation_detail", args=[record.pk])
    for person, status in [
        (cast.staff, 200),
        (cast.supervisor, 200),
        (cast.hr, 200),
        (cast.vp, 404),
        (cast.outsider, 404),
        (cast.manager, 404),
    ]:
        assert login(person).get(url).status_code == status
