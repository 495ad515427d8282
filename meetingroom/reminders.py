"""Reminder kinds of the meeting rooms (the shared mechanism sends each once per period)."""

from datetime import timedelta

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetingroom.choices import DepositStatus, EntryStatus, MeetingStatus, PledgeStatus, VisitStatus
from meetingroom.conf import conf
from meetingroom.models import (
    AccessEntry,
    DeviceDeposit,
    Meeting,
    MeetingRecording,
    Pledge,
    Visit,
    settings_for,
)
from onsite.names import display_name
from onsite.reminding import Due, register


def _local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


@register("meetingroom_entry_open", every_seconds=900, label=_("Entry left open"))
def entries_left_open(now):
    """An entry open past the venue's limit: the venue's managers and whoever logged it."""
    shortest = timedelta(hours=1)
    entries = (
        AccessEntry.objects.filter(status=EntryStatus.INSIDE, entered_at__lte=now - shortest)
        .select_related("venue__meeting_settings", "logged_by")
        .prefetch_related("venue__managers")
    )
    for entry in entries:
        if not entry.open_too_long(now, settings_for(entry.venue).open_hours):
            continue
        yield Due(
            obj=entry,
            period="open",
            recipients=[*entry.venue.managers.all(), entry.logged_by],
            title=_("%(name)s is still logged inside %(venue)s since %(time)s"),
            body=_("Log the exit, or check who is inside."),
            url=reverse("meetingroom:entry_detail", args=[entry.pk]),
            params={
                "name": entry.name,
                "venue": entry.venue.name,
                "time": _local(entry.entered_at),
            },
        )


@register("meetingroom_admission_unconfirmed", every_seconds=3600, label=_("Admission to confirm"))
def admissions_unconfirmed(now):
    """A visitor admitted without prior approval: the venue's leaders, every day until confirmed."""
    visits = Visit.objects.filter(status=VisitStatus.ADMITTED).select_related("venue")
    for visit in visits.prefetch_related("venue__leaders"):
        yield Due(
            obj=visit,
            period=f"day-{timezone.localdate(now).isoformat()}",
            recipients=list(visit.venue.leaders.all()),
            title=_("Confirm the admission of %(name)s to %(venue)s"),
            body=_("The manager admitted this visitor without prior approval, giving a reason."),
            url=reverse("meetingroom:visit_detail", args=[visit.pk]),
            params={"name": visit.visitor_name, "venue": visit.venue.name},
        )


@register("meetingroom_device_not_returned", every_seconds=900, label=_("Device not returned"))
def devices_not_returned(now):
    """Devices still held after their meeting ended: the managers and who received them."""
    deposits = (
        DeviceDeposit.objects.filter(status=DepositStatus.HELD, meeting__ends_at__lte=now)
        .select_related("meeting__venue", "received_by")
        .prefetch_related("meeting__venue__managers")
    )
    for deposit in deposits:
        meeting = deposit.meeting
        yield Due(
            obj=deposit,
            period="after-end",
            recipients=[*meeting.venue.managers.all(), deposit.received_by],
            title=_("%(owner)s's devices are still held after %(meeting)s"),
            body=_("Give them back to their owner and record it."),
            url=reverse("meetingroom:deposit_detail", args=[deposit.pk]),
            params={"owner": deposit.owner_name, "meeting": meeting.title},
        )


@register("meetingroom_pledge_expiring", every_seconds=24 * 3600, label=_("Pledge expiring"))
def pledges_expiring(now):
    """A person's last pledge ends soon: the person and their department's supervisors, once
    a month ahead and once a week ahead (not when a later pledge already follows it)."""
    today = timezone.localdate(now)
    later = Pledge.objects.filter(
        person_id=OuterRef("person_id"),
        status=PledgeStatus.SIGNED,
        valid_until__gt=OuterRef("valid_until"),
    )
    pledges = (
        Pledge.objects.filter(
            status=PledgeStatus.SIGNED,
            valid_until__gte=today,
            valid_until__lte=today + timedelta(days=conf.PLEDGE_NOTICE_DAYS),
        )
        .exclude(Exists(later))
        .select_related("person__profile__department")
        .prefetch_related("person__profile__department__supervisors")
    )
    for pledge in pledges:
        days_left = (pledge.valid_until - today).days
        recipients = [pledge.person]
        profile = getattr(pledge.person, "profile", None)
        if profile:
            recipients += list(profile.department.supervisors.all())
        yield Due(
            obj=pledge,
            period="7d" if days_left <= 7 else "notice",
            recipients=recipients,
            title=_("The confidentiality pledge of %(name)s ends on %(date)s"),
            body=_(
                "Sign it again in time: without a valid pledge nobody serves classified meetings."
            ),
            url=reverse("meetingroom:pledge_sign"),
            params={"name": display_name(pledge.person), "date": pledge.valid_until.isoformat()},
        )


@register(
    "meetingroom_recordings_missing", every_seconds=3600, label=_("Recordings not handed over")
)
def recordings_missing(now):
    """A classified meeting ended two days ago with no recording handed over: its staff and
    the venue's managers."""
    meetings = (
        Meeting.objects.filter(
            status=MeetingStatus.SCHEDULED,
            classification__gte=conf.CLASSIFIED_LEVEL,
            ends_at__lte=now - timedelta(days=conf.RECORDINGS_DUE_DAYS),
            ends_at__gte=now - timedelta(days=60),
        )
        .exclude(Exists(MeetingRecording.objects.filter(meeting_id=OuterRef("pk"))))
        .select_related("venue")
        .prefetch_related("staff", "venue__managers")
    )
    for meeting in meetings:
        yield Due(
            obj=meeting,
            period="due",
            recipients=[*meeting.staff.all(), *meeting.venue.managers.all()],
            title=_("The recordings of %(meeting)s are not in the archive yet"),
            body=_("Hand them over to the archive's custodian."),
            url=reverse("meetingroom:recordings_hand_over", args=[meeting.pk]),
            params={"meeting": meeting.title},
        )
