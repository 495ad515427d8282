"""Objects in a given state of each workflow of the app (tests/test_workflows.py).

Every object belongs to cast.venue (managed by ``manager``, led by ``leader``; ``staff`` is
assigned to its site). Sub-venues are authorised by the meeting's notice.
"""

from datetime import timedelta

from django.utils import timezone

from meetingroom.choices import EntryStatus
from tests.meetingroom import factories as f


def entry(cast, state):
    """An entry of ``staff`` into the venue, logged by ``staff``."""
    exited = timezone.now() - timedelta(minutes=1) if state == EntryStatus.LEFT else None
    return f.make_entry(cast.venue, cast.staff, cast.staff, exited=exited)


def visit(cast, state):
    """A visit filed by ``staff`` (``manager`` for an exceptional admission), window now."""
    by = cast.manager if state in ("admitted", "confirmed") else cast.staff
    return f.make_visit(cast.venue, by, cast.manager, state)


def meeting(cast, state):
    return f.make_meeting(cast.venue, cast.manager, status=state)


def admission(cast, state):
    held = f.make_meeting(cast.venue, cast.manager)
    sub = f.make_subvenue(cast.venue)
    f.make_notice(held, cast.manager, [sub])
    return f.make_admission(held, sub, cast.staff, state)


def deposit(cast, state):
    return f.make_deposit(f.make_meeting(cast.venue, cast.manager), cast.staff, state)


def pledge(cast, state):
    """A pledge of ``staff`` (supervised by ``supervisor``)."""
    return f.make_pledge(cast.staff, status=state)


SAMPLES = {
    "meetingroom.entry": entry,
    "meetingroom.visit": visit,
    "meetingroom.meeting": meeting,
    "meetingroom.admission": admission,
    "meetingroom.deposit": deposit,
    "meetingroom.pledge": pledge,
}

ARGUMENTS = {("meetingroom.admission", "verify"): lambda cast, obj: {"method": "call_back"}}
