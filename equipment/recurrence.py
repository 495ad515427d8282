"""When a maintenance plan is due: its recurrence (python-dateutil), counted from the schedule
or from the last time it was done, moved off holidays when the plan says so.

The rules keep the day of the month a person means: a plan first due on the 31st is due
on the last day of shorter months (30 April, 28 or 29 February), one first due on 29
February is due on 28 February in the years without a 29th. Holidays come from the
attendance holiday calendar (``attendance.holidays.calendar_between``), read once for
every plan of a scan.
"""

from datetime import datetime, timedelta

from dateutil import rrule as ru
from django.utils.translation import gettext as _

from equipment.choices import CountFrom, Frequency, HolidayShift

_FREQ = {
    Frequency.DAILY: (ru.DAILY, 1),
    Frequency.WEEKLY: (ru.WEEKLY, 1),
    Frequency.MONTHLY: (ru.MONTHLY, 1),
    Frequency.QUARTERLY: (ru.MONTHLY, 3),
    Frequency.YEARLY: (ru.YEARLY, 1),
}
# A rule must repeat at most daily: finer ones are not maintenance plans.
_ALLOWED_RRULE_FREQ = {ru.DAILY, ru.WEEKLY, ru.MONTHLY, ru.YEARLY}
# Holiday kinds of the attendance calendar that are days off.
_DAYS_OFF = {"holiday", "break"}
_MAKEUP = "makeup"


class RecurrenceError(ValueError):
    """A recurrence that cannot be used (a bad RRULE); ``str()`` is shown to the person."""


def _start(day):
    return datetime.combine(day, datetime.min.time())


def build_rule(frequency, interval, rrule_text, anchor):
    """A dateutil rule of occurrences from ``anchor`` (a date, the first occurrence)."""
    if frequency == Frequency.RRULE:
        return parse_rrule(rrule_text, anchor)
    freq, step = _FREQ[Frequency(frequency)]
    options = {"dtstart": _start(anchor), "interval": max(1, int(interval or 1)) * step}
    if freq in (ru.MONTHLY, ru.YEARLY) and anchor.day >= 29:
        # The 29th–31st, or the month's last day when it is shorter.
        options["bymonthday"] = (-1,) if anchor.day == 31 else (anchor.day, -1)
        options["bysetpos"] = 1
        if freq == ru.YEARLY:
            options["bymonth"] = anchor.month
    return ru.rrule(freq, **options)


def parse_rrule(text, anchor):
    """An RRULE string (``FREQ=WEEKLY;BYDAY=MO,TH``, with or without ``RRULE:``) from ``anchor``."""
    text = (text or "").strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    if not text:
        raise RecurrenceError(_("Give the RRULE, e.g. FREQ=WEEKLY;BYDAY=MO."))
    if "DTSTART" in text.upper():
        raise RecurrenceError(_("Leave DTSTART out: the first due date is its own field."))
    try:
        rule = ru.rrulestr(text, dtstart=_start(anchor))
    except (ValueError, TypeError) as error:
        raise RecurrenceError(
            _("This RRULE cannot be read: %(error)s") % {"error": error}
        ) from None
    if not isinstance(rule, ru.rrule) or rule._freq not in _ALLOWED_RRULE_FREQ:
        raise RecurrenceError(_("The rule must repeat daily, weekly, monthly or yearly."))
    return rule


def validate(frequency, interval, rrule_text, anchor):
    """Raise ``RecurrenceError`` unless the recurrence gives at least one date after ``anchor``."""
    rule = build_rule(frequency, interval, rrule_text, anchor)
    if rule.after(_start(anchor), inc=True) is None:
        raise RecurrenceError(_("This rule never gives a due date."))
    return rule


def first_scheduled(plan):
    """The plan's first occurrence on or after its first due date."""
    rule = build_rule(plan.frequency, plan.interval, plan.rrule, plan.starts_on)
    found = rule.after(_start(plan.starts_on), inc=True)
    return found.date() if found else None


def next_scheduled(plan, previous, done_on=None):
    """The occurrence after ``previous`` (a scheduled date).

    From the schedule: the plan's next occurrence after ``previous``. From the last done
    date: one step of the recurrence after ``done_on`` (the day it was done).
    """
    if plan.count_from == CountFrom.LAST_DONE and done_on is not None:
        anchor = done_on
        rule = build_rule(plan.frequency, plan.interval, plan.rrule, anchor)
        found = rule.after(_start(anchor), inc=False)
    else:
        rule = build_rule(plan.frequency, plan.interval, plan.rrule, plan.starts_on)
        found = rule.after(_start(previous), inc=False)
    return found.date() if found else None


def scheduled_between(plan, after, until):
    """The plan's scheduled dates strictly after ``after`` up to ``until`` (from the schedule)."""
    rule = build_rule(plan.frequency, plan.interval, plan.rrule, plan.starts_on)
    found = rule.between(_start(after), _start(until), inc=True)
    return [d.date() for d in found if d.date() > after]


def is_working_day(day, calendar):
    """A working day by the holiday calendar ``{date: kind}``: make-up days work, days off
    and weekends do not."""
    kind = calendar.get(day)
    if kind == _MAKEUP:
        return True
    return kind not in _DAYS_OFF and day.isoweekday() <= 5


def shift(day, how, calendar):
    """Move ``day`` off a statutory holiday or holiday break (never off an ordinary weekend)."""
    if how == HolidayShift.NONE or calendar.get(day) not in _DAYS_OFF:
        return day
    step = timedelta(days=1 if how == HolidayShift.LATER else -1)
    moved = day + step
    while not is_working_day(moved, calendar):
        moved += step
    return moved


def due_date(plan, scheduled, calendar):
    """The date an occurrence is due: its scheduled date, shifted if the plan says so."""
    return shift(scheduled, plan.holiday_shift, calendar)


def holiday_calendar(first, last):
    """``{date: kind}`` of the special days between two dates (one query)."""
    from attendance.holidays import calendar_between

    return calendar_between(first - timedelta(days=31), last + timedelta(days=31))


def describe(plan):
    """The recurrence as a person reads it (“every 2 weeks”, “RRULE: FREQ=…”)."""
    if plan.frequency == Frequency.RRULE:
        return f"RRULE: {plan.rrule}"
    label = Frequency(plan.frequency).label
    if plan.interval > 1:
        return _("%(label)s, every %(n)s") % {"label": label, "n": plan.interval}
    return str(label)
