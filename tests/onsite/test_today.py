"""One "today" everywhere: the company's local calendar day, also between 00:00 and 08:00.

In Shanghai the UTC day is still yesterday until 08:00; a reminder or a page that took
``now.date()`` was a day off then. Everything asks ``onsite.dates.today(now)``.
"""

import re
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from attendance.models import CalendarYear
from onsite import dates, reminding
from onsite.models import Notification, SentReminder
from tests.factories import AssignmentFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")
# As beat passes it: ``timezone.now()``, in UTC (2026-12-01 16:30 UTC).
HALF_PAST_MIDNIGHT = datetime(2026, 12, 2, 0, 30, tzinfo=SHANGHAI).astimezone(ZoneInfo("UTC"))
ROOT = Path(__file__).resolve().parents[2]
APPS = ["onsite", "attendance", "archive", "meetingroom", "equipment", "duties"]
UTC_DAY = re.compile(
    r"\bnow\.date\(\)|date\.today\(\)|datetime\.(?:now|today|utcnow)\(|timezone\.now\(\)\.date\(\)"
)


def test_today_at_half_past_midnight_is_the_local_day_not_the_utc_one():
    assert HALF_PAST_MIDNIGHT.date() == date(2026, 12, 1)
    assert dates.today(HALF_PAST_MIDNIGHT) == date(2026, 12, 2)


def test_an_assignment_ending_in_seven_local_days_is_reminded_at_half_past_midnight(cast):
    ending = AssignmentFactory(
        user=cast.outsider, site=cast.site, start_date=date(2026, 1, 1), end_date=date(2026, 12, 9)
    )
    assert reminding.run_scan("assignment_ending", HALF_PAST_MIDNIGHT) == 1
    assert SentReminder.objects.get(object_id=str(ending.pk)).period == "7d"
    assert Notification.objects.filter(recipient=ending.user).count() == 1


def test_the_last_days_reminder_comes_at_half_past_midnight_of_the_day_before(cast):
    AssignmentFactory(
        user=cast.outsider, site=cast.site, start_date=date(2026, 1, 1), end_date=date(2026, 12, 3)
    )
    reminding.run_scan("assignment_ending", HALF_PAST_MIDNIGHT)
    assert set(SentReminder.objects.values_list("period", flat=True)) == {"1d"}


def test_the_provisional_calendar_warning_counts_local_days_at_half_past_midnight(cast, settings):
    settings.ATTENDANCE_PROVISIONAL_WARNING_DAYS = 30  # 2026-12-02 is 30 local days before 2027
    CalendarYear.objects.update_or_create(year=2027, defaults={"provisional": True})
    assert reminding.run_scan("holiday_calendar_provisional", HALF_PAST_MIDNIGHT) == 1
    assert Notification.objects.filter(recipient=cast.hr).count() == 1


@pytest.mark.parametrize("app", APPS)
def test_no_code_takes_the_utc_day_for_today(app):
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / app).rglob("*.py"))
        if "migrations" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if UTC_DAY.search(line) and not line.lstrip().startswith(("#", '"', "``"))
    ]
    assert not offenders, offenders
