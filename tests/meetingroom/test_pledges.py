"""Confidentiality pledges: signed in the portal or uploaded as a scan, validity dates, and
nobody without a valid pledge on a classified meeting."""

import hashlib
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from meetingroom import services
from meetingroom.choices import PledgeMethod
from meetingroom.conf import conf
from meetingroom.models import Pledge
from meetingroom.pledge_text import PLEDGE_TEXT, PLEDGE_VERSION
from onsite.models import AuditEntry
from onsite.signatures import SignatureInput
from onsite.workflow import WorkflowError
from tests.archive.conftest import png_signature
from tests.factories import PASSWORD
from tests.meetingroom import factories as f

pytestmark = pytest.mark.rule("R2.4-confidentiality-pledge")


def test_a_pledge_signed_in_the_portal_keeps_text_version_signature_and_validity(cast, login):
    got = login(cast.staff).post(
        reverse("meetingroom:pledge_sign"), {"method": "drawn", "signature": png_signature()}
    )
    assert got.status_code == 302
    pledge = Pledge.objects.get(person=cast.staff)
    today = timezone.localdate()
    assert pledge.method == PledgeMethod.DRAWN and bytes(pledge.signature).startswith(b"\x89PNG")
    with translation.override(settings.LANGUAGE_CODE):
        assert pledge.version == PLEDGE_VERSION and pledge.text == str(PLEDGE_TEXT)
    assert pledge.valid_until == today + timedelta(days=conf.PLEDGE_VALID_DAYS)
    assert services.has_valid_pledge(cast.staff, today)
    assert AuditEntry.objects.filter(action="meetingroom.pledge.sign").exists()


def test_a_wrong_password_signs_nothing(cast, english):
    with pytest.raises(WorkflowError, match="not correct"):
        services.sign_pledge(cast.staff, signature=SignatureInput(method="password", password="x"))
    services.sign_pledge(cast.staff, signature=SignatureInput(method="password", password=PASSWORD))
    assert Pledge.objects.filter(person=cast.staff).count() == 1


def test_an_uploaded_scan_is_stored_privately_and_served_only_through_the_checked_view(cast, login):
    content = b"%PDF-1.4 signed pledge"
    today = timezone.localdate()
    client = login(cast.supervisor)
    got = client.post(
        reverse("meetingroom:pledge_upload"),
        {
            "person": cast.staff.pk,
            "scan": SimpleUploadedFile("承诺书.pdf", content),
            "signed_on": today.isoformat(),
            "valid_until": (today + timedelta(days=365)).isoformat(),
        },
    )
    assert got.status_code == 302
    pledge = Pledge.objects.get(person=cast.staff)
    assert pledge.scan_sha256 == hashlib.sha256(content).hexdigest()
    assert "承诺书" not in pledge.scan.name
    url = reverse("meetingroom:pledge_scan", args=[pledge.pk])
    assert client.get(url).content == content
    assert login(cast.outsider).get(url).status_code == 404
    with pledge.scan.storage.open(pledge.scan.name, "wb") as handle:
        handle.write(b"tampered")
    refused = login(cast.staff).get(url)
    assert refused.status_code == 302
    assert AuditEntry.objects.filter(action="meetingroom.pledge.scan_mismatch").exists()


def test_nobody_without_a_valid_pledge_is_put_on_a_classified_meeting(cast, english):
    meeting = f.make_meeting(cast.venue, cast.manager, classification=2)
    with pytest.raises(WorkflowError, match="valid confidentiality pledge"):
        services.set_meeting_staff(cast.manager, meeting, [cast.staff])
    f.make_pledge(cast.staff, signed_on=timezone.localdate() - timedelta(days=400), days=365)
    with pytest.raises(WorkflowError, match="valid confidentiality pledge"):
        services.set_meeting_staff(cast.manager, meeting, [cast.staff])
    f.make_pledge(cast.staff)
    services.set_meeting_staff(cast.manager, meeting, [cast.staff])
    assert list(meeting.staff.all()) == [cast.staff]
    ordinary = f.make_meeting(cast.venue, cast.manager, classification=0)
    services.set_meeting_staff(cast.manager, ordinary, [cast.supervisor])  # no pledge needed


def test_scheduling_a_classified_meeting_checks_the_pledges_of_its_staff(cast, english):
    start = timezone.now() + timedelta(days=2)
    data = {
        "title": "保密会议",
        "starts_at": start,
        "ends_at": start + timedelta(hours=2),
        "classification": 3,
        "important": False,
        "organiser": "市委办公厅",
    }
    with pytest.raises(WorkflowError):
        services.schedule_meeting(cast.manager, cast.venue, staff=[cast.staff], **data)
    assert not cast.venue.meetings.exists()
    f.make_pledge(cast.staff)
    meeting = services.schedule_meeting(cast.manager, cast.venue, staff=[cast.staff], **data)
    assert meeting.staff.get() == cast.staff


def test_a_supervisor_withdraws_a_pledge_and_it_is_no_longer_valid(cast):
    pledge = f.make_pledge(cast.staff)
    services.withdraw_pledge(cast.supervisor, pledge, comment="离岗")
    assert not services.has_valid_pledge(cast.staff, timezone.localdate())
