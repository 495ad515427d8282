"""Meetings, their notice (会议电报通知), sub-venue admission and device deposit.

Lock order: the ``Venue``, then the ``Meeting``, then its admissions and deposits.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meetingroom.choices import (
    ADMISSION,
    DEPOSIT,
    MEETING,
    MeetingStatus,
    VerificationMethod,
)
from meetingroom.conf import conf
from meetingroom.models import (
    DeviceDeposit,
    Meeting,
    MeetingNotice,
    SubVenue,
    SubVenueAdmission,
)
from meetingroom.services.pledges import has_valid_pledge
from onsite import audit, uploads
from onsite.models import Venue
from onsite.names import display_name
from onsite.permissions import require
from onsite.storage import sha256_of
from onsite.workflow import WorkflowError, lock


def _lock_meeting(meeting):
    """The venue, then the meeting (the project's lock order); returns the fresh meeting."""
    lock(Venue, meeting.venue_id)
    return lock(Meeting, meeting.pk)


# --- Meetings -------------------------------------------------------------------------
def _check_times(starts_at, ends_at):
    if ends_at <= starts_at:
        raise WorkflowError(_("The meeting must end after it starts."))


def _pledge_refusals(meeting, people):
    """Names of the people who hold no pledge valid through a classified meeting."""
    if not meeting.classified:
        return []
    start = timezone.localdate(meeting.starts_at)
    end = timezone.localdate(meeting.ends_at)
    return [display_name(p) for p in people if not has_valid_pledge(p, start, until=end)]


def _put_staff(actor, meeting, people):
    missing = _pledge_refusals(meeting, people)
    if missing:
        raise WorkflowError(
            _(
                "A classified meeting is served only by staff with a valid confidentiality "
                "pledge; %(names)s has none."
            )
            % {"names": "、".join(missing)}
        )
    meeting.staff.set(people)
    audit.record(
        actor,
        "meetingroom.meeting.staff",
        meeting,
        comment="、".join(display_name(p) for p in people),
    )


def schedule_meeting(
    actor, venue, *, title, starts_at, ends_at, classification, important, organiser, staff=()
):
    """A manager schedules a meeting in the venue, with the staff serving it.

    Enforces R2.4-classified-meeting-lockdown, R2.4-confidentiality-pledge.
    """
    _check_times(starts_at, ends_at)
    people = list(staff)

    def build():
        return Meeting(
            venue=venue,
            title=title,
            starts_at=starts_at,
            ends_at=ends_at,
            classification=classification,
            important=important,
            organiser=organiser,
            created_by=actor,
        )

    return MEETING.create(
        actor,
        "schedule",
        context=venue,
        lock_first=[(Venue, venue.pk)],
        build=build,
        comment=title,
        then=lambda meeting: _put_staff(actor, meeting, people) if people else None,
    )


@transaction.atomic
def set_meeting_staff(actor, meeting, people):
    """Choose the staff serving a meeting; nobody without a valid pledge on a classified one.

    Enforces R2.4-confidentiality-pledge.
    """
    require(actor, "meetingroom.schedule_meeting", meeting)
    meeting = _lock_meeting(meeting)
    if meeting.status != MeetingStatus.SCHEDULED:
        raise WorkflowError(_("This meeting was cancelled."))
    _put_staff(actor, meeting, list(people))
    return meeting


@MEETING.implements("cancel")
def cancel_meeting(actor, meeting, comment=""):
    return MEETING.run(actor, meeting, "cancel", comment=comment)


def record_notice(actor, meeting, *, number, issuer, issued_on, authorised, attachment=None):
    """Record (or correct) the meeting notice and the sub-venues it authorises to watch.

    Enforces R2.4-teleconference-scope.
    """
    require(actor, "meetingroom.schedule_meeting", meeting)
    authorised = list(authorised)
    if any(sub.venue_id != meeting.venue_id for sub in authorised):
        raise WorkflowError(_("Choose sub-venues of this venue's registry."))
    if attachment is not None:
        uploads.check(attachment, kinds=uploads.DOCUMENTS, max_bytes=conf.MAX_ATTACHMENT_BYTES)
    with transaction.atomic():
        meeting = _lock_meeting(meeting)
        notice = MeetingNotice.objects.filter(meeting=meeting).first() or MeetingNotice(
            meeting=meeting
        )
        notice.number, notice.issuer, notice.issued_on = number, issuer, issued_on
        notice.recorded_by = actor
        if attachment is not None:
            notice.attachment_sha256 = sha256_of(attachment)
            notice.attachment_name = attachment.name[:200]
            notice.attachment.save(attachment.name, attachment, save=False)
        notice.save()
        notice.authorised.set(authorised)
        audit.record(
            actor,
            "meetingroom.meeting.notice",
            meeting,
            comment=_("Notice %(number)s authorises: %(names)s")
            % {"number": number, "names": "、".join(s.name for s in authorised) or "—"},
        )
    return notice


def open_notice_attachment(actor, notice):
    """The notice's attachment, once its SHA-256 matched; the read is audited."""
    try:
        handle = notice.attachment.storage.open(notice.attachment.name, "rb")
    except (FileNotFoundError, ValueError):
        raise WorkflowError(_("The attachment is missing.")) from None
    if sha256_of(handle) != notice.attachment_sha256:
        handle.close()
        raise WorkflowError(_("The attachment does not match its recorded checksum."))
    audit.record(actor, "meetingroom.notice.download", notice.meeting, comment=notice.number)
    return handle


# --- Sub-venues -----------------------------------------------------------------------
@transaction.atomic
def register_subvenue(actor, venue, *, name, organisation, contact, endpoint):
    """Add a sub-venue (分会场) to the venue's registry.

    Enforces R2.4-teleconference-scope.
    """
    require(actor, "meetingroom.manage_subvenues", venue)
    lock(Venue, venue.pk)
    if SubVenue.objects.filter(venue=venue, endpoint=endpoint).exists():
        raise WorkflowError(_("A sub-venue with this endpoint is already registered."))
    subvenue = SubVenue.objects.create(
        venue=venue, name=name, organisation=organisation, contact=contact, endpoint=endpoint
    )
    audit.record(actor, "meetingroom.subvenue.register", subvenue, comment=endpoint)
    return subvenue


def is_authorised(meeting, subvenue):
    """The meeting's notice lists the sub-venue."""
    notice = MeetingNotice.objects.filter(meeting=meeting).first()
    return bool(notice and notice.authorised.filter(pk=subvenue.pk).exists())


@ADMISSION.guard("verify")
@ADMISSION.guard("admit")
def _authorised_by_the_notice(admission, user, now):
    if admission.meeting.status != MeetingStatus.SCHEDULED:
        return _("The meeting was cancelled.")
    if not is_authorised(admission.meeting, admission.subvenue):
        return _(
            "%(name)s is not authorised by the meeting notice (会议电报通知): it cannot be "
            "admitted."
        ) % {"name": admission.subvenue.name}
    return None


def open_admission(actor, meeting, subvenue):
    """A registered sub-venue asks to join a meeting: verified next, if the notice lists it.

    Enforces R2.4-subvenue-identity-check.
    """
    if subvenue.venue_id != meeting.venue_id or not subvenue.is_active:
        raise WorkflowError(_("Choose an active sub-venue of this venue's registry."))

    def build():
        if SubVenueAdmission.objects.filter(meeting=meeting, subvenue=subvenue).exists():
            raise WorkflowError(_("This sub-venue is already on the list of this meeting."))
        return SubVenueAdmission(meeting=meeting, subvenue=subvenue, opened_by=actor)

    try:
        return ADMISSION.create(
            actor,
            "open",
            context=meeting,
            lock_first=[(Venue, meeting.venue_id), (Meeting, meeting.pk)],
            build=build,
            comment=subvenue.endpoint,
        )
    except IntegrityError:
        raise WorkflowError(_("This sub-venue is already on the list of this meeting.")) from None


@ADMISSION.implements("verify")
def verify_admission(actor, admission, *, method, comment=""):
    """Record how the sub-venue's identity was verified (who and when are stamped).

    Enforces R2.4-subvenue-identity-check.
    """
    if method not in VerificationMethod.values:
        raise WorkflowError(_("Choose how the identity was verified."))

    def set_method(admission):
        admission.method = method
        return ["method"]

    return ADMISSION.run(actor, admission, "verify", comment=comment, change=set_method)


@ADMISSION.implements("admit")
def admit_subvenue(actor, admission, comment=""):
    """Only a listed and verified sub-venue is admitted.

    Enforces R2.4-unlisted-subvenue-refused, R2.4-subvenue-identity-check.
    """
    return ADMISSION.run(actor, admission, "admit", comment=comment)


@ADMISSION.implements("refuse")
def refuse_admission(actor, admission, comment=""):
    """Enforces R2.4-unlisted-subvenue-refused."""
    return ADMISSION.run(actor, admission, "refuse", comment=comment)


# --- Device deposit -------------------------------------------------------------------
def deposit_devices(actor, meeting, *, owner_name, devices, count=1, tag=""):
    """One person's phones and wireless devices handed in for a meeting."""
    if meeting.status != MeetingStatus.SCHEDULED:
        raise WorkflowError(_("The meeting was cancelled."))
    if count < 1:
        raise WorkflowError(_("Hand in at least one device."))

    def build():
        return DeviceDeposit(
            meeting=meeting,
            owner_name=owner_name,
            devices=devices,
            count=count,
            tag=tag,
            received_by=actor,
        )

    return DEPOSIT.create(
        actor,
        "deposit",
        context=meeting,
        lock_first=[(Venue, meeting.venue_id), (Meeting, meeting.pk)],
        build=build,
        comment=f"{owner_name}: {devices} ×{count}",
    )


@DEPOSIT.implements("give_back")
def give_back_devices(actor, deposit, comment=""):
    return DEPOSIT.run(actor, deposit, "give_back", comment=comment)
