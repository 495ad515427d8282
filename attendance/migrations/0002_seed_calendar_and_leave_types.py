"""Seed the holiday calendar from the chinese-calendar package and the usual leave types."""

from django.db import migrations

LEAVE_TYPES = [
    # code, name, yearly allowance (days), may go below zero, compensatory
    ("ANNUAL", "年休假", 5, False, False),
    ("SICK", "病假", 12, False, False),
    ("PERSONAL", "事假", 0, True, False),
    ("COMP", "调休", 0, False, True),
]


def seed(apps, schema_editor):
    from attendance.holidays import official_years, seed_year

    Day = apps.get_model("attendance", "HolidayCalendarDay")
    Year = apps.get_model("attendance", "CalendarYear")
    for year in [y for y in official_years() if y >= 2025]:
        seed_year(year, calendar_day_model=Day, calendar_year_model=Year)
    LeaveType = apps.get_model("attendance", "LeaveType")
    for code, name, allowance, negative, compensatory in LEAVE_TYPES:
        LeaveType.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "yearly_allowance": allowance,
                "allow_negative": negative,
                "is_compensatory": compensatory,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("attendance", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
