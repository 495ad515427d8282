"""The visit list writes its rows in Python: each shows exactly what the row template showed
(kept in ``visit_rows/``): every state, the flagged ones, HTML in names and purposes, in
both languages and in the venue's time zone."""

from pathlib import Path

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from meetingroom.choices import VisitStatus
from meetingroom.models import Visit
from meetingroom.views.visit_rows import visit_rows
from tests.meetingroom import factories as f
from tests.rows import tight

pytestmark = pytest.mark.django_db

ROW = Path(__file__).parent / "visit_rows" / "visit.html"


def test_each_visit_row_shows_what_the_row_template_showed(cast):
    cast.manager.last_name = "<b>张&</b>"
    cast.manager.save()
    for status in VisitStatus:
        visit = f.make_visit(cast.venue, cast.staff, cast.manager, status)
        visit.visitor_name, visit.purpose = "<i>“王” & 'x'</i>", "检修 <script>"
        visit.save()
    visits = list(Visit.objects.select_related("supervisor").order_by("pk"))
    template = Template(ROW.read_text())
    for language in ("zh-hans", "en"):
        with translation.override(language):
            rows = visit_rows(visits)
            for visit, made in zip(visits, rows, strict=True):
                assert tight(made) == tight(template.render(Context({"visit": visit})))
    flagged = [v.status in (VisitStatus.ADMITTED, VisitStatus.CONFIRMED) for v in visits]
    assert ["text-bg-warning" in row for row in rows] == flagged and any(flagged)
    assert all("&lt;i&gt;" in row and "<script>" not in row for row in rows)


def test_the_visit_list_shows_its_rows(cast, login):
    visit = f.make_visit(cast.venue, cast.staff, cast.manager, VisitStatus.APPROVED)
    page = login(cast.leader).get(reverse("meetingroom:visit_list", args=[cast.venue.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert reverse("meetingroom:visit_detail", args=[visit.pk]) in html
    assert visit.visitor_name in html and visit.purpose in html
