"""Teleconference sub-venues: the notice names who may watch; each is verified before it
is admitted; an unlisted one is never admitted; the admission sheet prints."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from meetingroom import services
from meetingroom.choices import ADMISSION, AdmissionStatus
from onsite.models import AuditEntry
from onsite.workflow import WorkflowError
from tests.meetingroom import factories as f


@pytest.fixture
def setup(cast):
    meeting = f.make_meeting(cast.venue, cast.manager, classification=2)
    listed = f.make_subvenue(cast.venue, "城东区分会场", "EP-1")
    unlisted = f.make_subvenue(cast.venue, "外区分会场", "EP-9")
    services.record_notice(
        cast.manager,
        meeting,
        number="会电〔2026〕12号",
        issuer="市委办公厅",
        issued_on=meeting.starts_at.date(),
        authorised=[listed],
    )
    return meeting, listed, unlisted


@pytest.mark.rule("R2.4-teleconference-scope", "R2.4-subvenue-identity-check")
def test_a_listed_sub_venue_is_verified_then_admitted(cast, setup):
    meeting, listed, _unlisted = setup
    admission = services.open_admission(cast.staff, meeting, listed)
    with pytest.raises(WorkflowError):  # listed but not verified yet
        services.admit_subvenue(cast.staff, admission)
    services.verify_admission(cast.staff, admission, method="call_back", comment="回拨确认")
    admission.refresh_from_db()
    assert admission.status == AdmissionStatus.VERIFIED
    assert admission.verified_by == cast.staff and admission.verified_at
    assert admission.method == "call_back" and admission.verification_note == "回拨确认"
    services.admit_subvenue(cast.staff, admission)
    admission.refresh_from_db()
    assert admission.status == AdmissionStatus.ADMITTED
    actions = AuditEntry.objects.filter(
        object_id=str(admission.pk), action__startswith="meetingroom.admission."
    ).values_list("action", flat=True)
    assert set(actions) == {
        "meetingroom.admission.open",
        "meetingroom.admission.verify",
        "meetingroom.admission.admit",
    }


@pytest.mark.rule("R2.4-unlisted-subvenue-refused")
def test_an_unlisted_sub_venue_can_be_neither_verified_nor_admitted(cast, setup, english):
    meeting, _listed, unlisted = setup
    admission = services.open_admission(cast.staff, meeting, unlisted)
    assert [a.name for a in ADMISSION.actions_for(cast.staff, admission)] == ["refuse"]
    with pytest.raises(WorkflowError, match="not authorised by the meeting notice"):
        services.verify_admission(cast.staff, admission, method="code")
    services.refuse_admission(cast.staff, admission, comment="不在收视范围")
    admission.refresh_from_db()
    assert admission.status == AdmissionStatus.REFUSED


@pytest.mark.rule("R2.4-unlisted-subvenue-refused")
def test_a_sub_venue_dropped_from_the_notice_after_verification_is_not_admitted(cast, setup):
    meeting, listed, _unlisted = setup
    admission = f.make_admission(meeting, listed, cast.staff, AdmissionStatus.VERIFIED)
    meeting.notice.authorised.clear()
    with pytest.raises(WorkflowError):
        services.admit_subvenue(cast.staff, admission)


@pytest.mark.rule("R2.4-subvenue-identity-check")
def test_the_admission_sheet_prints_in_chinese(cast, setup, login):
    meeting, listed, unlisted = setup
    f.make_admission(meeting, listed, cast.staff, AdmissionStatus.ADMITTED)
    f.make_admission(meeting, unlisted, cast.staff, AdmissionStatus.REFUSED)
    got = login(cast.manager).get(reverse("meetingroom:admission_sheet", args=[meeting.pk]))
    assert got.status_code == 200 and got["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(got.content)).pages)
    assert "城东区分会场" in text and "外区分会场" in text and "会电〔2026〕12号" in text


@pytest.mark.rule("R2.4-teleconference-scope")
def test_a_manager_registers_sub_venues_and_records_the_notice_through_the_pages(cast, login):
    client = login(cast.manager)
    url = reverse("meetingroom:subvenue_list", args=[cast.venue.pk])
    data = {
        "name": "开发区分会场",
        "organisation": "管委会",
        "contact": "宋科长",
        "endpoint": "EP-7",
    }
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 400  # the endpoint is already registered
    meeting = f.make_meeting(cast.venue, cast.manager)
    sub = cast.venue.subvenues.get()
    got = client.post(
        reverse("meetingroom:notice_edit", args=[meeting.pk]),
        {"number": "会电1号", "issuer": "市委", "issued_on": "2026-12-01", "authorised": [sub.pk]},
    )
    assert got.status_code == 302
    assert list(meeting.notice.authorised.all()) == [sub]
    assert login(cast.staff).post(url, data).status_code == 403
