"""Who is expected at work on a day: read from the attendance day derivation
(``attendance.days.Period``), never recomputed here. Missing work reports and missing
checklists are counted only for people expected at work that day."""

from django.contrib.auth import get_user_model

from attendance.choices import DayStatus
from attendance.days import Period
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


def days_on(user_ids, day, today=None):
    """{user id: the derived attendance ``Day``} of each person on ``day`` (a fixed number of
    queries whatever the number of people)."""
    period = Period(user_ids, day, day, today=today)
    return {user_id: period.day(user_id, day) for user_id in period.user_ids}


def expected_at_work(day_of):
    """Whether a derived ``Day`` is a working day at a site without a whole day of leave."""
    return day_of.is_working and day_of.site_id is not None and day_of.status != DayStatus.LEAVE
