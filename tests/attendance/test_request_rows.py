"""The list of every request writes its rows in Python: it shows exactly what its row
templates showed (kept in ``request_rows/``), decided or waiting, late, with HTML in names
and a person without a profile."""

from datetime import datetime
from pathlib import Path

import pytest
import time_machine
from django.template import Context, Template
from django.utils import timezone, translation

from attendance.choices import CorrectionStatus, LeaveStatus, OvertimeStatus
from attendance.models import LeaveRequest, OvertimeRequest, PunchCorrection
from attendance.views.request_rows import request_cells
from tests.attendance.test_queue_rows import MODEL, NAME, tight, waiting

pytestmark = pytest.mark.django_db

ROWS = Path(__file__).parent / "request_rows"


def decided(cast):
    """Some of the waiting requests decided: by the supervisor, by HR, rejected."""
    at = timezone.make_aware(datetime(2026, 12, 7, 8, 5))  # 08:05 local, 00:05 UTC
    ot = OvertimeRequest.objects.filter(user=cast.staff).first()
    OvertimeRequest.objects.filter(pk=ot.pk).update(
        status=OvertimeStatus.FILED,
        supervisor_by=cast.supervisor,
        supervisor_at=at,
        hr_by=cast.hr,
        hr_at=at,
    )
    other = OvertimeRequest.objects.exclude(pk=ot.pk).first()
    OvertimeRequest.objects.filter(pk=other.pk).update(
        status=OvertimeStatus.SUPERVISOR_APPROVED, supervisor_by=cast.supervisor, supervisor_at=at
    )
    LeaveRequest.objects.filter(user=cast.staff).update(
        status=LeaveStatus.REJECTED, decided_by=cast.hr, decided_at=at
    )
    PunchCorrection.objects.filter(user=cast.staff).update(
        status=CorrectionStatus.APPROVED, decided_by=cast.supervisor, decided_at=at
    )


@pytest.mark.parametrize("kind", ["overtime", "leave", "correction"])
def test_each_request_row_shows_what_the_row_template_showed(cast, kind):
    waiting(cast)
    decided(cast)
    model = MODEL[kind]
    rows = list(model.objects.select_related("user__profile__department").order_by("id"))
    assert len(rows) >= 2
    template = Template((ROWS / f"{kind}.html").read_text())
    with translation.override("zh-hans"), time_machine.travel(timezone.now(), tick=False):
        cells = request_cells(kind, rows)
        for row, made in zip(rows, cells, strict=True):
            wanted = template.render(Context({NAME[kind]: row}))
            assert tight(f"<tr>{made}</tr>") == tight(wanted)
    assert any("12-07 08:05" in str(made) for made in cells)  # a decision in local time


def test_each_unapproved_day_shows_what_the_row_template_showed(cast, schedule):
    from datetime import date

    from attendance.frame import Frame
    from attendance.models import AttendanceRecord
    from attendance.summary import staff_queryset, unapproved_items, worked_rest_days
    from attendance.views.team import unapproved_cells
    from tests.attendance.conftest import at

    cast.staff.first_name = "<b>张</b>"
    cast.staff.save()
    for day, left in ((date(2026, 11, 14), (13, 30)), (date(2026, 11, 15), None)):
        AttendanceRecord.objects.create(
            user=cast.staff,
            site=cast.site,
            date=day,
            check_in_at=at(day, 9, 5),
            check_out_at=at(day, *left) if left else None,
        )
    frame = Frame(date(2026, 11, 1), date(2026, 11, 30))
    items = unapproved_items(worked_rest_days(staff_queryset(), frame), frame)
    assert len(items) == 2
    template = Template((ROWS / "unapproved.html").read_text())
    with translation.override("zh-hans"):
        cells = unapproved_cells(items)
        for (person, day, hours), made in zip(items, cells, strict=True):
            wanted = template.render(Context({"person": person, "day": day, "hours": hours}))
            assert tight(f"<tr>{made}</tr>") == tight(wanted)
    assert "09:05–13:30" in str(cells[0]) and "09:05–?" in str(cells[1])
