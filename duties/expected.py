"""Who is expected at work on a day: read from the attendance day derivation
(``attendance.days.Period``), never recomputed here. Missing work reports and missing
checklists are counted only for people expected at work that day."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from attendance.choices import DayStatus
from attendance.days import Period
from attendance.memory import remembered
from onsite.choices import Role


def staff_of(department_ids):
    """Active on-site staff of the departments, ordered by employee number (a queryset)."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__name=Role.STAFF,
            profile__department_id__in=list(department_ids),
        )
        .select_related("profile__department")
        .order_by("profile__employee_no", "pk")
    )


@dataclass(frozen=True)
class DayAt:
    """What duties reads of a person's derived attendance day (immutable: a remembered one is
    shared between requests)."""

    status: str
    site_id: int | None
    expected: bool  # expected at work: see ``expected_at_work``
    check_in_at: datetime | None = None

    def status_label(self):
        return DayStatus(self.status).label


def days_on(people, day, today=None):
    """{user id: ``DayAt``} of each person on ``day``, derived by attendance (a fixed number
    of queries whatever the number of people). ``people``: users or their ids. Users read
    with their stamps (``attendance.memory.stamped``) are remembered between requests while
    neither their facts nor the sites' change, on today's date; the others are derived."""
    people = list(people)
    if today is not None and today != timezone.localdate():
        people = [getattr(person, "pk", person) for person in people]
    if not any(hasattr(person, "facts_stamp") for person in people):
        ids = [getattr(person, "pk", person) for person in people]
        return dict(zip(ids, _derived(ids, day, today), strict=True))
    found = remembered(
        ("duties.day", day),
        people,
        day.year,
        day.month,
        lambda missing: _derived([person.pk for person in missing], day, today),
    )
    return {person.pk: value for person, value in zip(people, found, strict=True)}


def _derived(ids, day, today):
    """[``DayAt``] of the people of ``ids`` on ``day``, in order."""
    period = Period(ids, day, day, today=today)
    found = []
    for user_id in ids:
        derived = period.day(user_id, day)
        record = derived.record
        found.append(
            DayAt(
                status=derived.status,
                site_id=derived.site_id,
                expected=expected_at_work(derived),
                check_in_at=record.check_in_at if record else None,
            )
        )
    return found


def expected_at_work(day_of):
    """Whether a derived ``Day`` is a working day at a site without a whole day of leave."""
    return day_of.is_working and day_of.site_id is not None and day_of.status != DayStatus.LEAVE
