"""The work report lists write their rows in Python: each shows exactly what its row template
showed (kept in ``report_rows/``): daily and weekly, every state, HTML and long texts, the
author on the team list only, both languages."""

from datetime import date, timedelta
from pathlib import Path

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from duties.choices import ReportKind, ReportStatus
from duties.models import WorkReport
from duties.views.report_rows import report_rows
from tests.duties.factories import ReportFactory
from tests.rows import tight

pytestmark = pytest.mark.django_db

ROW = Path(__file__).parent / "report_rows" / "report.html"


def test_each_report_row_shows_what_the_row_template_showed(cast):
    cast.staff.last_name = "<i>王&</i>"
    cast.staff.save()
    for n, state in enumerate(ReportStatus):
        ReportFactory(
            author=cast.staff,
            kind=ReportKind.WEEKLY if n % 2 else ReportKind.DAILY,
            period_start=date(2026, 11, 2) + timedelta(days=7 * n),
            status=state,
            work_done="<b>“调试” & 'x'</b> " + "检修扩声系统" * (n * 20),
        )
    reports = list(WorkReport.objects.select_related("author").order_by("pk"))
    template = Template(ROW.read_text())
    for language in ("zh-hans", "en"):
        with translation.override(language):
            for tab in ("mine", "team"):
                made = report_rows(reports, team=tab == "team")
                for report, html in zip(reports, made, strict=True):
                    context = Context({"report": report, "tab": tab})
                    assert tight(html) == tight(template.render(context))
    assert "&lt;i&gt;" in made[0] and "&lt;b&gt;" in made[0] and "…" in made[-1]
    assert "&lt;i&gt;" not in report_rows(reports, team=False)[0]


def test_both_report_lists_show_their_rows(cast, login):
    mine = ReportFactory(author=cast.staff)
    for person, name in (
        (cast.staff, "duties:report_list"),
        (cast.supervisor, "duties:report_team"),
    ):
        html = login(person).get(reverse(name)).content.decode()
        assert reverse("duties:report_detail", args=[mine.pk]) in html
