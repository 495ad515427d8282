"""The words people read: names not codes, weekdays as words, a legend that cannot be misread,
the summary's columns equal to the files', no package names, Chinese punctuation."""

import re
from datetime import date, time
from pathlib import Path

import polib
import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from attendance.models import SiteSchedule
from attendance.summary import header, leave_types, legend

pytestmark = pytest.mark.django_db


def test_leave_types_are_listed_by_name_under_a_name_heading(cast, login):
    page = login(cast.hr).get(reverse("attendance:leave_types")).content.decode()
    assert "<th>名称</th>" in page and "<th>姓名</th>" not in page
    assert re.search(r'<a href="/attendance/leave-types/\d+/">年休假</a>', page)
    assert not re.search(r'<a href="[^"]+">ANNUAL</a>', page)


def test_working_weekdays_read_as_words(cast, login):
    SiteSchedule.objects.create(
        site=cast.site,
        valid_from=date(2026, 1, 1),
        weekdays="123456",
        start_time=time(9),
        end_time=time(17),
    )
    client = login(cast.hr)
    for url in (
        reverse("attendance:site_list"),
        reverse("attendance:site_detail", args=[cast.site.pk]),
    ):
        page = client.get(url).content.decode()
        assert "星期一至星期六" in page and "123456" not in page


def test_the_legend_cannot_be_misread(cast):
    from django.utils import translation

    with translation.override("zh-hans"):
        codes = {str(code): str(meaning) for code, meaning in legend()}
    assert codes["未退"] == "未签退" and codes["缺勤"] == "缺勤"
    assert "缺" not in codes and "旷" not in codes


def test_the_web_summary_has_the_columns_of_the_pdf_and_excel(cast, login):
    with time_machine.travel("2026-12-03 10:00 +0800", tick=False):
        page = login(cast.hr).get(reverse("attendance:summary") + "?month=2026-11").content
    from django.utils import translation

    with translation.override("zh-hans"):
        titles = header(leave_types())
    assert "缺勤" in titles
    for title in titles:
        assert f">{title}</th>".encode() in page


def test_the_calendar_names_no_package_and_says_what_hr_can_do(cast, login):
    with time_machine.travel("2026-12-03 10:00 +0800", tick=False):
        page = login(cast.hr).get(reverse("attendance:calendar") + "?year=2026").content.decode()
    assert "chinese-calendar" not in page and "软件包" not in page
    assert "官方" in page  # the days are said to come from the official calendar, once


CJK = r"[\u4e00-\u9fff]"
ASCII_NEXT_TO_CHINESE = re.compile(rf"{CJK}\s*[,;:()?!]|[,;:()?!]\s*{CJK}")


@pytest.mark.parametrize(
    "path",
    sorted(
        p
        for p in Path(settings.BASE_DIR).glob("**/locale/zh_Hans/LC_MESSAGES/django.po")
        if ".venv" not in p.parts
    ),
    ids=lambda p: str(p.relative_to(settings.BASE_DIR)),
)
def test_chinese_text_uses_chinese_punctuation(path):
    bad = []
    for entry in polib.pofile(str(path)):
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            plain = re.sub(r"%\(\w+\)[sd]", "X", text)
            if ASCII_NEXT_TO_CHINESE.search(plain):
                bad.append(text)
    assert not bad, bad[:5]
