"""Holiday calendar: seeded from the package, HR's edits kept, provisional years warned."""

from datetime import date, datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from attendance.choices import CalendarKind, CalendarSource
from attendance.holidays import official_years, provisional_years, seed_year, statutory_days
from attendance.models import CalendarYear, HolidayCalendarDay
from onsite.models import Notification
from onsite.reminding import run_scan


@pytest.mark.django_db
@pytest.mark.rule("R2.3-overtime-day-kind")
def test_every_official_year_is_seeded_by_the_migration():
    for year in (2025, 2026):
        assert year in official_years()
        assert CalendarYear.objects.get(year=year).provisional is False
    kinds = dict(HolidayCalendarDay.objects.filter(date__year=2026).values_list("date", "kind"))
    assert kinds[date(2026, 10, 1)] == CalendarKind.HOLIDAY
    assert kinds[date(2026, 10, 6)] == CalendarKind.BREAK
    assert kinds[date(2026, 10, 10)] == CalendarKind.MAKEUP
    assert kinds[date(2026, 2, 17)] == CalendarKind.HOLIDAY  # Spring Festival: 4 statutory days
    assert statutory_days(2026) >= {date(2026, 2, 16), date(2026, 2, 19), date(2026, 4, 5)}


@pytest.mark.django_db
def test_reseeding_keeps_what_hr_entered(cast):
    from attendance import services

    services.save_calendar_day(
        cast.hr, date=date(2026, 10, 5), kind=CalendarKind.HOLIDAY, name="更正"
    )
    seed_year(2026)
    day = HolidayCalendarDay.objects.get(date=date(2026, 10, 5))
    assert (day.kind, day.source) == (CalendarKind.HOLIDAY, CalendarSource.HR)
    assert HolidayCalendarDay.objects.filter(date__year=2026, source="package").count() > 30


@pytest.mark.django_db
def test_a_year_without_official_data_is_provisional():
    assert seed_year(2031) == 0
    assert CalendarYear.objects.get(year=2031).provisional
    assert provisional_years([2026, 2031, 2032]) == [2031, 2032]


@pytest.mark.django_db
def test_hr_is_warned_weekly_before_a_provisional_year_starts(cast):
    def at(day):
        return timezone.make_aware(datetime(2026, *day, 9))

    assert run_scan("holiday_calendar_provisional", at((10, 1))) == 0  # more than 60 days ahead
    assert run_scan("holiday_calendar_provisional", at((11, 24))) == 1
    assert run_scan("holiday_calendar_provisional", at((11, 25))) == 0  # same week: once
    note = Notification.objects.get(recipient=cast.hr)
    assert "2027" in note.title
    assert note.url == reverse("attendance:calendar") + "?year=2027"
    CalendarYear.objects.filter(year=2027).update(provisional=False)
    assert run_scan("holiday_calendar_provisional", at((12, 1))) == 0


@pytest.mark.django_db
def test_the_seed_command_reports_each_year(capsys):
    from django.core.management import call_command

    call_command("seed_holidays", "2026", "2030")
    out = capsys.readouterr().out
    assert "2026:" in out and "2030: no official data" in out


@pytest.mark.django_db
def test_the_pages_speak_chinese_by_default(cast, schedule, login):
    page = login(cast.staff).get(reverse("attendance:today")).content.decode()
    assert "签到" in page
    assert "本月考勤" in page


@pytest.mark.django_db
def test_demo_data_loads_twice_without_change():
    from attendance.models import AttendanceRecord, SiteSchedule
    from onsite.demo import load_demo_data

    load_demo_data()
    counts = (SiteSchedule.objects.count(), AttendanceRecord.objects.count())
    load_demo_data()
    assert (SiteSchedule.objects.count(), AttendanceRecord.objects.count()) == counts
    assert counts[0] == 2
