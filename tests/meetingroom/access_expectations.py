"""Every meeting-room URL for anonymous and each role of the cast.

The objects belong to cast.venue (manager: ``manager``, leader: ``leader``; ``staff`` is
assigned to its site). Everyone without a grant on the venue gets 404 for its pages and
objects; the administrator reads them but takes no action (403).
"""

import hashlib
from datetime import timedelta

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from meetingroom.choices import AdmissionStatus, DepositStatus, VisitStatus
from meetingroom.models import AccessLogExport
from tests.access import expect
from tests.meetingroom import factories as f


def _url(name, *args, **kwargs):
    return lambda cast: reverse(
        name,
        args=[arg(cast) if callable(arg) else arg for arg in args],
        kwargs=kwargs or None,
    )


def _venue(cast):
    return cast.venue.pk


def _meeting(cast):
    return f.make_meeting(cast.venue, cast.manager)


def _meeting_pk(cast):
    return _meeting(cast).pk


def _past_meeting_pk(cast):
    return f.make_meeting(cast.venue, cast.manager, start=timezone.now() - timedelta(hours=5)).pk


def _notice_meeting_pk(cast):
    meeting = _meeting(cast)
    notice = f.make_notice(meeting, cast.manager)
    notice.attachment_sha256 = hashlib.sha256(b"notice").hexdigest()
    notice.attachment_name = "notice.pdf"
    notice.attachment.save("notice.pdf", ContentFile(b"notice"), save=True)
    return meeting.pk


def _admission(status):
    def make(cast):
        meeting = _meeting(cast)
        sub = f.make_subvenue(cast.venue)
        f.make_notice(meeting, cast.manager, [sub])
        return f.make_admission(meeting, sub, cast.staff, status).pk

    return make


def _deposit_pk(cast):
    return f.make_deposit(_meeting(cast), cast.staff, DepositStatus.HELD).pk


def _entry_pk(cast):
    return f.make_entry(cast.venue, cast.staff, cast.staff).pk


def _visit(status, by="staff"):
    def make(cast):
        return f.make_visit(cast.venue, getattr(cast, by), cast.manager, status).pk

    return make


def _pledge_pk(cast):
    return f.make_pledge(cast.staff, scan=True).pk


def _export_pk(cast):
    content = b"%PDF-1.4 log"
    export = AccessLogExport.objects.create(
        requested_by=cast.manager,
        kind="meetingroom.access_log",
        format="pdf",
        venue=cast.venue,
        date_from=timezone.localdate(),
        date_to=timezone.localdate(),
        state="done",
        sha256=hashlib.sha256(content).hexdigest(),
        file_name="log.pdf",
        finished_at=timezone.now(),
        expires_at=timezone.now() + timedelta(hours=1),
    )
    export.file.save("log.pdf", ContentFile(content), save=True)
    return export.token


def _subvenue_data(cast):
    return {"subvenue": f.make_subvenue(cast.venue).pk}


SCOPE = {"staff": 200, "manager": 200, "leader": 200, "admin": 200}  # read the venue
SERVE = {"staff": 200, "manager": 200, "leader": 403, "admin": 403}  # work at the venue
MANAGE = {"staff": 403, "manager": 200, "leader": 403, "admin": 403}
LEAD = {"staff": 403, "manager": 403, "leader": 200, "admin": 403}
USERS = {"staff": 200, "manager": 200, "leader": 200, "admin": 200}
SIGNERS = {"hr": 403, "vp": 403, "leader": 403, "admin": 403}

EXPECTATIONS = {
    "meetingroom:index": expect(_url("meetingroom:index"), 403, **USERS),
    "meetingroom:venue_detail": expect(_url("meetingroom:venue_detail", _venue), 404, **SCOPE),
    "meetingroom:door": expect(_url("meetingroom:door", _venue), 404, **SERVE),
    "meetingroom:door_panel": expect(_url("meetingroom:door_panel", _venue), 404, **SERVE),
    "meetingroom:access_log": expect(_url("meetingroom:access_log", _venue), 404, **SCOPE),
    "meetingroom:entry_create": expect(_url("meetingroom:entry_create", _venue), 404, **SERVE),
    "meetingroom:denial_list": expect(
        _url("meetingroom:denial_list", _venue), 404, staff=403, manager=200, leader=200, admin=200
    ),
    "meetingroom:visit_list": expect(_url("meetingroom:visit_list", _venue), 404, **SCOPE),
    "meetingroom:visit_create": expect(_url("meetingroom:visit_create", _venue), 404, **SERVE),
    "meetingroom:visit_admit": expect(_url("meetingroom:visit_admit", _venue), 404, **MANAGE),
    "meetingroom:calendar": expect(_url("meetingroom:calendar", _venue), 404, **SCOPE),
    "meetingroom:meeting_create": expect(_url("meetingroom:meeting_create", _venue), 404, **MANAGE),
    "meetingroom:venue_ical": expect(_url("meetingroom:venue_ical", _venue), 404, **SCOPE),
    "meetingroom:subvenue_list": expect(_url("meetingroom:subvenue_list", _venue), 404, **SCOPE),
    "meetingroom:entry_detail": expect(_url("meetingroom:entry_detail", _entry_pk), 404, **SCOPE),
    "meetingroom:entry_exit": expect(_url("meetingroom:entry_exit", _entry_pk), 404, **SERVE),
    "meetingroom:visit_detail": expect(
        _url("meetingroom:visit_detail", _visit(VisitStatus.FILED)), 404, **SCOPE
    ),
    "meetingroom:visit_action[approve]": expect(
        _url("meetingroom:visit_action", _visit(VisitStatus.FILED), "approve"), 404, **LEAD
    ),
    "meetingroom:visit_action[reject]": expect(
        _url("meetingroom:visit_action", _visit(VisitStatus.FILED), "reject"), 404, **LEAD
    ),
    "meetingroom:visit_action[cancel]": expect(
        _url("meetingroom:visit_action", _visit(VisitStatus.FILED), "cancel"), 404, **SERVE
    ),
    "meetingroom:visit_action[confirm]": expect(
        _url("meetingroom:visit_action", _visit(VisitStatus.ADMITTED, "manager"), "confirm"),
        404,
        **LEAD,
    ),
    "meetingroom:meeting_detail": expect(
        _url("meetingroom:meeting_detail", _meeting_pk), 404, **SCOPE
    ),
    "meetingroom:meeting_action[cancel]": expect(
        _url("meetingroom:meeting_action", _meeting_pk, "cancel"), 404, **MANAGE
    ),
    "meetingroom:meeting_staff": expect(
        _url("meetingroom:meeting_staff", _meeting_pk), 404, **MANAGE
    ),
    "meetingroom:notice_edit": expect(_url("meetingroom:notice_edit", _meeting_pk), 404, **MANAGE),
    "meetingroom:notice_attachment": expect(
        _url("meetingroom:notice_attachment", _notice_meeting_pk), 404, **SCOPE
    ),
    "meetingroom:admission_create": expect(
        _url("meetingroom:admission_create", _meeting_pk),
        404,
        method="post",
        data=_subvenue_data,
        staff=302,
        manager=302,
        leader=403,
        admin=403,
    ),
    "meetingroom:admission_sheet": expect(
        _url("meetingroom:admission_sheet", _meeting_pk), 404, **SCOPE
    ),
    "meetingroom:deposit_create": expect(
        _url("meetingroom:deposit_create", _meeting_pk), 404, **SERVE
    ),
    "meetingroom:recordings_hand_over": expect(
        _url("meetingroom:recordings_hand_over", _past_meeting_pk), 404, **SERVE
    ),
    "meetingroom:admission_detail": expect(
        _url("meetingroom:admission_detail", _admission(AdmissionStatus.PENDING)), 404, **SCOPE
    ),
    "meetingroom:admission_verify": expect(
        _url("meetingroom:admission_verify", _admission(AdmissionStatus.PENDING)), 404, **SERVE
    ),
    "meetingroom:admission_action[admit]": expect(
        _url("meetingroom:admission_action", _admission(AdmissionStatus.VERIFIED), "admit"),
        404,
        **SERVE,
    ),
    "meetingroom:admission_action[refuse]": expect(
        _url("meetingroom:admission_action", _admission(AdmissionStatus.PENDING), "refuse"),
        404,
        **SERVE,
    ),
    "meetingroom:deposit_detail": expect(
        _url("meetingroom:deposit_detail", _deposit_pk), 404, **SCOPE
    ),
    "meetingroom:deposit_action[give_back]": expect(
        _url("meetingroom:deposit_action", _deposit_pk, "give_back"), 404, **SERVE
    ),
    "meetingroom:pledge_list": expect(_url("meetingroom:pledge_list"), 200),
    "meetingroom:pledge_sign": expect(_url("meetingroom:pledge_sign"), 200, **SIGNERS),
    "meetingroom:pledge_upload": expect(_url("meetingroom:pledge_upload"), 200, **SIGNERS),
    # A pledge of ``staff``: theirs, their supervisor's, HR's, VP's, the administrator's, and
    # the manager's of the venue at the site they are assigned to.
    "meetingroom:pledge_detail": expect(
        _url("meetingroom:pledge_detail", _pledge_pk),
        404,
        staff=200,
        supervisor=200,
        hr=200,
        vp=200,
        manager=200,
        admin=200,
    ),
    "meetingroom:pledge_scan": expect(
        _url("meetingroom:pledge_scan", _pledge_pk),
        404,
        staff=200,
        supervisor=200,
        hr=200,
        vp=200,
        manager=200,
        admin=200,
    ),
    "meetingroom:pledge_action[withdraw]": expect(
        _url("meetingroom:pledge_action", _pledge_pk, "withdraw"),
        404,
        staff=403,
        supervisor=200,
        hr=200,
        vp=403,
        manager=403,
        admin=200,
    ),
    "meetingroom:export_list": expect(_url("meetingroom:export_list"), 403, manager=200),
    "meetingroom:export_download": expect(
        _url("meetingroom:export_download", _export_pk), 404, manager=200
    ),
}
