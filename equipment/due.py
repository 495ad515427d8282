"""Due work as a week calendar: the open inspections, and the occurrences their plans will
bring in the week (projected from the recurrence, not stored yet)."""

from dataclasses import dataclass
from datetime import timedelta

from equipment import recurrence

MAX_PER_PLAN = 14  # a daily plan shows each day of the week, and no more


@dataclass
class Entry:
    inspection: object
    plan: object
    day: object
    projected: bool = False
    overdue: bool = False


def projected_week(open_rows, start, today):
    """[(day, [Entry])] for the seven days from ``start``: open inspections on their due day
    (overdue ones on today, if today is in the week) and projected later occurrences."""
    end = start + timedelta(days=6)
    rows = list(open_rows.filter(due_on__lte=end))
    calendar = recurrence.holiday_calendar(start, end)
    days = {start + timedelta(days=n): [] for n in range(7)}
    for inspection in rows:
        plan = inspection.plan
        shown_on = inspection.due_on
        overdue = shown_on < today
        if overdue and start <= today <= end:
            shown_on = today
        if shown_on in days:
            days[shown_on].append(Entry(inspection, plan, shown_on, overdue=overdue))
        scheduled = inspection.scheduled_on
        for _n in range(MAX_PER_PLAN):
            done_guess = inspection.due_on if plan.count_from == "last_done" else None
            scheduled = recurrence.next_scheduled(plan, scheduled, done_guess)
            if scheduled is None:
                break
            due = recurrence.due_date(plan, scheduled, calendar)
            if due > end:
                break
            if due in days and due >= today:
                days[due].append(Entry(None, plan, due, projected=True))
            if done_guess is not None:
                break  # counted from the last done date: only the next one is known
    return sorted(days.items())
