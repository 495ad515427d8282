"""Recordings to the archive in one step: items created in the venue's collection, linked
to the meeting, the custodians told."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from archive.choices import Medium
from meetingroom.archiving import register_recording
from meetingroom.choices import MeetingStatus
from meetingroom.models import MeetingRecording, settings_for
from meetingroom.services.meetings import _lock_meeting
from onsite import audit
from onsite.names import display_name
from onsite.notifications import notify
from onsite.permissions import require
from onsite.workflow import WorkflowError


def _check(meeting, collection, custodian, custodian_password, recordings, now):
    if collection is None:
        raise WorkflowError(
            _("This venue has no archive collection yet: an administrator must name one.")
        )
    if meeting.status != MeetingStatus.SCHEDULED:
        raise WorkflowError(_("The meeting was cancelled."))
    if meeting.ends_at > now:
        raise WorkflowError(_("Recordings are handed over after the meeting has ended."))
    if not recordings:
        raise WorkflowError(_("List at least one recording."))
    if any(r["medium"] not in Medium.values or r.get("copies", 1) < 1 for r in recordings):
        raise WorkflowError(_("Give each recording a medium and at least one copy."))
    if not collection.custodians.filter(pk=custodian.pk).exists():
        raise WorkflowError(_("Choose a custodian of the venue's collection."))
    if not custodian_password or not custodian.check_password(custodian_password):
        raise WorkflowError(
            _("The password of %(name)s is not correct.") % {"name": display_name(custodian)}
        )


def hand_over_recordings(actor, meeting, *, recordings, custodian, custodian_password, now=None):
    """Hand a meeting's recordings to the archive: each becomes an item of the venue's
    collection (the meeting's classification, the receiving custodian, who confirms with
    their password), linked to the meeting; every custodian of the collection is told.

    ``recordings``: dicts of title, medium, location and copies.

    Enforces R2.4-recordings-to-archive.
    """
    require(actor, "meetingroom.hand_over", meeting)
    now = now or timezone.now()
    with transaction.atomic():
        meeting = _lock_meeting(meeting)
        collection = settings_for(meeting.venue).collection
        _check(meeting, collection, custodian, custodian_password, recordings, now)
        links = []
        for recording in recordings:
            item = register_recording(
                custodian,
                collection,
                meeting=meeting,
                title=recording["title"],
                medium=recording["medium"],
                location=recording["location"],
                copies=recording.get("copies", 1),
            )
            links.append(
                MeetingRecording.objects.create(
                    meeting=meeting, item=item, handed_over_by=actor, handed_over_at=now
                )
            )
        references = "、".join(link.item.reference for link in links)
        audit.record(
            actor,
            "meetingroom.meeting.hand_over",
            meeting,
            comment=_("%(items)s to %(name)s")
            % {"items": references, "name": display_name(custodian)},
        )
        notify(
            list(collection.custodians.all()),
            gettext_lazy("Recordings of %(meeting)s handed to the archive: %(items)s"),
            gettext_lazy("Handed over by %(by)s; received by %(custodian)s."),
            reverse("archive:item_detail", args=[links[0].item.pk]),
            {
                "meeting": meeting.title,
                "items": references,
                "by": display_name(actor),
                "custodian": display_name(custodian),
            },
        )
    return links
