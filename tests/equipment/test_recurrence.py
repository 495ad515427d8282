"""Due dates of maintenance plans: month ends, the 31st, leap days, schedule or last done,
holidays shifted or not."""

from datetime import date
from types import SimpleNamespace

import pytest

from attendance.models import HolidayCalendarDay
from equipment import recurrence
from equipment.choices import CountFrom, Frequency, HolidayShift


def plan(frequency, starts_on, interval=1, rrule="", count_from=CountFrom.SCHEDULE, shift="none"):
    return SimpleNamespace(
        frequency=frequency,
        interval=interval,
        rrule=rrule,
        starts_on=starts_on,
        count_from=count_from,
        holiday_shift=shift,
    )


def following(p, first, n):
    dates, current = [first], first
    for _ in range(n - 1):
        current = recurrence.next_scheduled(p, current)
        dates.append(current)
    return dates


def test_a_monthly_plan_on_the_31st_is_due_on_the_last_day_of_shorter_months():
    p = plan(Frequency.MONTHLY, date(2026, 1, 31))
    assert recurrence.first_scheduled(p) == date(2026, 1, 31)
    assert following(p, date(2026, 1, 31), 5) == [
        date(2026, 1, 31),
        date(2026, 2, 28),
        date(2026, 3, 31),
        date(2026, 4, 30),
        date(2026, 5, 31),
    ]


def test_a_monthly_plan_on_the_30th_keeps_the_30th_and_takes_the_end_of_february():
    p = plan(Frequency.MONTHLY, date(2027, 12, 30))
    assert following(p, date(2027, 12, 30), 4) == [
        date(2027, 12, 30),
        date(2028, 1, 30),
        date(2028, 2, 29),  # 2028 is a leap year
        date(2028, 3, 30),
    ]


def test_a_quarterly_plan_from_a_month_end_stays_at_month_ends():
    p = plan(Frequency.QUARTERLY, date(2026, 11, 30))
    assert following(p, date(2026, 11, 30), 4) == [
        date(2026, 11, 30),
        date(2027, 2, 28),
        date(2027, 5, 30),
        date(2027, 8, 30),
    ]


def test_a_yearly_plan_on_a_leap_day_is_due_on_the_28th_in_other_years():
    p = plan(Frequency.YEARLY, date(2028, 2, 29))
    assert following(p, date(2028, 2, 29), 5) == [
        date(2028, 2, 29),
        date(2029, 2, 28),
        date(2030, 2, 28),
        date(2031, 2, 28),
        date(2032, 2, 29),
    ]


def test_weekly_every_two_weeks_and_daily():
    assert following(plan(Frequency.WEEKLY, date(2026, 12, 1), interval=2), date(2026, 12, 1), 3)[
        -1
    ] == date(2026, 12, 29)
    assert recurrence.next_scheduled(
        plan(Frequency.DAILY, date(2026, 12, 1)), date(2026, 12, 31)
    ) == (date(2027, 1, 1))


def test_an_rrule_string_gives_the_weekdays_it_names():
    p = plan(Frequency.RRULE, date(2026, 12, 1), rrule="RRULE:FREQ=WEEKLY;BYDAY=MO,TH")
    assert recurrence.first_scheduled(p) == date(2026, 12, 3)  # 1 December is a Tuesday
    assert following(p, date(2026, 12, 3), 3) == [
        date(2026, 12, 3),
        date(2026, 12, 7),
        date(2026, 12, 10),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "FREQ=HOURLY",
        "FREQ=SOMETIMES",
        "DTSTART:20260101\nRRULE:FREQ=DAILY",
        "FREQ=DAILY;COUNT=0",
    ],
)
def test_a_bad_rrule_is_refused_with_a_message(text):
    with pytest.raises(recurrence.RecurrenceError):
        recurrence.validate(Frequency.RRULE, 1, text, date(2026, 12, 1))


def test_from_the_schedule_the_next_date_ignores_when_it_was_done():
    p = plan(Frequency.MONTHLY, date(2026, 1, 15))
    done_late = date(2026, 1, 25)
    assert recurrence.next_scheduled(p, date(2026, 1, 15), done_on=done_late) == date(2026, 2, 15)


def test_from_the_last_done_date_the_next_date_is_one_step_after_it():
    p = plan(Frequency.MONTHLY, date(2026, 1, 15), count_from=CountFrom.LAST_DONE)
    assert recurrence.next_scheduled(p, date(2026, 1, 15), done_on=date(2026, 1, 25)) == date(
        2026, 2, 25
    )
    # Done on the 31st: a month later is the end of February.
    assert recurrence.next_scheduled(p, date(2026, 1, 15), done_on=date(2026, 1, 31)) == date(
        2026, 2, 28
    )


NATIONAL_DAY = {date(2026, 10, d): "holiday" if d <= 3 else "break" for d in range(1, 8)}
NATIONAL_DAY[date(2026, 10, 10)] = "makeup"  # a Saturday worked


def test_a_due_date_on_a_holiday_stays_when_shifting_is_off():
    p = plan(Frequency.MONTHLY, date(2026, 1, 2), shift=HolidayShift.NONE)
    assert recurrence.due_date(p, date(2026, 10, 2), NATIONAL_DAY) == date(2026, 10, 2)


def test_a_due_date_on_a_holiday_moves_to_the_next_or_previous_working_day():
    later = plan(Frequency.MONTHLY, date(2026, 1, 2), shift=HolidayShift.LATER)
    earlier = plan(Frequency.MONTHLY, date(2026, 1, 2), shift=HolidayShift.EARLIER)
    assert recurrence.due_date(later, date(2026, 10, 2), NATIONAL_DAY) == date(2026, 10, 8)
    # 30 September 2026 is a Wednesday.
    assert recurrence.due_date(earlier, date(2026, 10, 2), NATIONAL_DAY) == date(2026, 9, 30)


def test_an_ordinary_weekend_is_not_shifted_and_a_make_up_day_counts_as_working():
    p = plan(Frequency.WEEKLY, date(2026, 1, 3), shift=HolidayShift.LATER)
    assert recurrence.due_date(p, date(2026, 10, 17), NATIONAL_DAY) == date(2026, 10, 17)
    assert recurrence.is_working_day(date(2026, 10, 10), NATIONAL_DAY)


@pytest.mark.django_db
def test_the_holiday_calendar_is_read_from_the_attendance_calendar():
    HolidayCalendarDay.objects.create(date=date(2027, 1, 1), kind="holiday", name="元旦")
    calendar = recurrence.holiday_calendar(date(2027, 1, 1), date(2027, 1, 31))
    p = plan(Frequency.MONTHLY, date(2026, 12, 1), shift=HolidayShift.LATER)
    assert recurrence.due_date(p, date(2027, 1, 1), calendar) == date(2027, 1, 4)
