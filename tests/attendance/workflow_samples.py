"""Objects in a given state of each workflow of attendance (tests/test_workflows.py).

The applicant is ``cast.staff`` (department A, supervised by ``cast.supervisor``); the
requests lie in the future, so an approved leave can still be withdrawn.
"""

from datetime import time, timedelta

from django.utils import timezone

from tests.attendance.conftest import leave_type


def overtime(cast, state):
    """An OvertimeRequest of cast.staff at cast.site, on a Saturday to come, in ``state``."""
    from attendance.choices import OvertimeKind
    from attendance.models import OvertimeRequest

    today = timezone.localdate()
    saturday = today + timedelta(days=(5 - today.weekday()) % 7 or 7)
    return OvertimeRequest.objects.create(
        user=cast.staff,
        site=cast.site,
        date=saturday,
        start_time=time(9),
        end_time=time(12),
        planned_minutes=180,
        kind=OvertimeKind.REST_DAY,
        reason="会议保障",
        status=state,
    )


def leave(cast, state):
    """A one-day LeaveRequest of cast.staff a month from now, in ``state``."""
    from attendance.models import LeaveRequest

    day = timezone.localdate() + timedelta(days=30)
    return LeaveRequest.objects.create(
        user=cast.staff,
        leave_type=leave_type("ANNUAL"),
        start_date=day,
        end_date=day,
        days=1,
        reason="家事",
        status=state,
    )


_CORRECTION_DAYS = {"submitted": 1, "approved": 2, "rejected": 3, "cancelled": 4}


def correction(cast, state):
    """A missed check-out of cast.staff a few days ago corrected to 18:00, in ``state`` (each
    state on its own day: one active correction per punch)."""
    from attendance.choices import PunchKind
    from attendance.models import PunchCorrection

    day = timezone.localdate() - timedelta(days=_CORRECTION_DAYS.get(state, 5))
    return PunchCorrection.objects.create(
        user=cast.staff,
        date=day,
        kind=PunchKind.CHECK_OUT,
        time=time(18),
        reason="忘记签退",
        status=state,
    )


SAMPLES = {
    "attendance.overtime": overtime,
    "attendance.leave": leave,
    "attendance.correction": correction,
}

# Every transition of attendance asks for a comment only.
ARGUMENTS = {}
