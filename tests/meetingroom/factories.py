"""Rows of the meeting rooms in any state, written directly (for pages, reminders, races)."""

import hashlib
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from meetingroom.choices import (
    AdmissionStatus,
    DepositStatus,
    EntryStatus,
    MeetingStatus,
    PledgeMethod,
    VisitStatus,
)
from meetingroom.models import (
    AccessEntry,
    DeviceDeposit,
    Meeting,
    MeetingNotice,
    Pledge,
    SubVenue,
    SubVenueAdmission,
    Visit,
)
from onsite.names import display_name


def make_meeting(venue, by, *, start=None, hours=2, classification=0, important=False, **extra):
    start = start or timezone.now() + timedelta(days=1)
    return Meeting.objects.create(
        venue=venue,
        title=extra.pop("title", "季度工作会议"),
        starts_at=start,
        ends_at=start + timedelta(hours=hours),
        classification=classification,
        important=important,
        organiser="市政府办公厅",
        created_by=by,
        status=extra.pop("status", MeetingStatus.SCHEDULED),
        **extra,
    )


def make_visit(venue, filed_by, supervisor, status=VisitStatus.FILED, *, start=None, hours=4):
    start = start or timezone.now() - timedelta(hours=1)
    return Visit.objects.create(
        venue=venue,
        visitor_name="王来访",
        organisation="设备厂商",
        id_tail="1234",
        purpose="检修调音台",
        expected_from=start,
        expected_until=start + timedelta(hours=hours),
        supervisor=supervisor,
        filed_by=filed_by,
        status=status,
        exception_reason="设备故障紧急抢修" if status == VisitStatus.ADMITTED else "",
    )


def make_entry(venue, person, logged_by, *, at=None, exited=None):
    return AccessEntry.objects.create(
        venue=venue,
        person=person,
        name=display_name(person),
        entered_at=at or timezone.now() - timedelta(minutes=30),
        exited_at=exited,
        status=EntryStatus.LEFT if exited else EntryStatus.INSIDE,
        logged_by=logged_by,
    )


def make_subvenue(venue, name="区分会场", endpoint="EP-001"):
    return SubVenue.objects.create(
        venue=venue,
        name=name,
        organisation="区政府",
        contact="李联络 13800000000",
        endpoint=endpoint,
    )


def make_notice(meeting, by, authorised=()):
    notice = MeetingNotice.objects.create(
        meeting=meeting,
        number="会电〔2026〕12号",
        issuer="市委办公厅",
        issued_on=timezone.localdate(),
        recorded_by=by,
    )
    notice.authorised.set(authorised)
    return notice


def make_admission(meeting, subvenue, by, status=AdmissionStatus.PENDING):
    verified = status in (AdmissionStatus.VERIFIED, AdmissionStatus.ADMITTED)
    return SubVenueAdmission.objects.create(
        meeting=meeting,
        subvenue=subvenue,
        opened_by=by,
        status=status,
        method="call_back" if verified else "",
        verified_by=by if verified else None,
        verified_at=timezone.now() if verified else None,
    )


def make_deposit(meeting, by, status=DepositStatus.HELD):
    return DeviceDeposit.objects.create(
        meeting=meeting,
        owner_name="王来访",
        devices="手机",
        count=1,
        received_by=by,
        status=status,
    )


def make_pledge(person, *, signed_on=None, days=365, scan=False, **extra):
    signed_on = signed_on or timezone.localdate() - timedelta(days=1)
    pledge = Pledge(
        person=person,
        version="2026-1",
        text="保密承诺",
        method=PledgeMethod.SCAN if scan else PledgeMethod.PASSWORD,
        signed_on=signed_on,
        valid_until=signed_on + timedelta(days=days),
        recorded_by=person,
        **extra,
    )
    if scan:
        content = b"%PDF-1.4 pledge scan"
        pledge.scan_sha256 = hashlib.sha256(content).hexdigest()
        pledge.scan.save("pledge.pdf", ContentFile(content), save=False)
    pledge.save()
    return pledge
