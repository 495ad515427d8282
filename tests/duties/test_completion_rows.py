"""The checklists-per-day page writes its rows in Python: each shows exactly what its row
template showed (kept in ``completion_rows/``): a checklist done (local time), one done with a
note, one missing, a person not expected, visits restored or not, HTML in a name, both
languages."""

from datetime import date, datetime
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from duties.models import DailyChecklist
from duties.services import checklists as service
from duties.views.checklists import completion_rows
from tests.duties.factories import VisitFactory
from tests.factories import AssignmentFactory, UserFactory
from tests.rows import tight

pytestmark = pytest.mark.django_db

ROW = Path(__file__).parent / "completion_rows" / "row.html"
WEDNESDAY = date(2026, 3, 4)


def test_each_completion_row_shows_what_the_row_template_showed(cast):
    service.save_checklist_template(cast.hr, cast.site, "清扫机房\n检查扩声")
    people = [UserFactory(roles=["staff"], department=cast.dept_a) for _ in range(3)]
    people[0].last_name = "<i>王&</i>"
    people[0].save()
    for person in people:
        AssignmentFactory(user=person, site=cast.site)
    moment = timezone.make_aware(datetime(2026, 3, 4, 8, 55))
    for person, ticked in ((people[0], True), (people[1], False)):
        done = DailyChecklist.objects.create(
            user=person, site=cast.site, date=WEDNESDAY, items=[["a", ticked]], note="x"
        )
        DailyChecklist.objects.filter(pk=done.pk).update(done_at=moment)
    for person, visits in ((people[0], 1), (people[2], 2)):
        for n in range(visits):
            visit = VisitFactory(user=person, site=cast.site)
            visit.started_at = timezone.make_aware(datetime(2026, 3, 4, 10, n))
            visit.status = "restored" if person == people[0] else visit.status
            visit.save()
    rows = service.completion([*people, cast.manager], WEDNESDAY)
    template = Template(ROW.read_text())
    for language in ("zh-hans", "en"):
        with translation.override(language):
            made = completion_rows(rows)
            for row, html in zip(rows, made, strict=True):
                assert tight(html) == tight(template.render(Context({"row": row})))
    assert "&lt;i&gt;" in made[0] and "08:55" in made[0] and "not restored" not in made[0]
    assert "with a note" in made[1] and "not restored" in made[2] and "2 visits" in made[2]
    assert 'data-missing="1"' in made[2] and "Not expected" in made[3]
