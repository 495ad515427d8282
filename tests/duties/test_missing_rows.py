"""The missing-reports page writes its rows in Python: each shows exactly what its row
template showed (kept in ``missing_rows/``): an absent person, one checked in (local time),
HTML in a name and a department, both languages."""

import re
from datetime import date, datetime, time
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from attendance.models import AttendanceRecord
from duties.expected import days_on
from duties.views.reports import missing_rows
from tests.factories import AssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db

ROW = Path(__file__).parent / "missing_rows" / "row.html"
WEDNESDAY = date(2026, 3, 4)


def tight(html):
    return re.sub(r">\s+<", "><", str(html)).strip()


def test_each_missing_row_shows_what_the_row_template_showed(cast):
    cast.dept_a.name = "<b>音视频&部</b>"
    cast.dept_a.save()
    odd = UserFactory(roles=["staff"], department=cast.dept_a, last_name="<i>王</i>")
    for person in (cast.staff, odd):
        AssignmentFactory(user=person, site=cast.site)
    moment = timezone.make_aware(datetime.combine(WEDNESDAY, time(9, 7)))
    AttendanceRecord.objects.create(user=odd, date=WEDNESDAY, site=cast.site, check_in_at=moment)
    people = [cast.staff, odd]
    for person in people:
        person.refresh_from_db()
    days = days_on([p.pk for p in people], WEDNESDAY, today=date(2026, 3, 5))
    pairs = [(person, days[person.pk]) for person in people]
    template = Template(ROW.read_text())
    for language in ("zh-hans", "en"):
        with translation.override(language):
            rows = missing_rows(pairs)
            for (person, attendance), made in zip(pairs, rows, strict=True):
                context = Context({"person": person, "attendance": attendance})
                assert tight(made) == tight(template.render(context))
    assert "09:07" in rows[1] and "09:07" not in rows[0]
    assert "&lt;i&gt;" in rows[1] and "&lt;b&gt;" in rows[0] and "<b>" not in rows[0]
