"""Reminder kinds of the core (registered with the shared mechanism in ``reminding``)."""

from datetime import timedelta

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from onsite import dates
from onsite.models import Assignment
from onsite.names import display_name
from onsite.reminding import Due, register

ASSIGNMENT_NOTICE_DAYS = 7


@register("assignment_ending", every_seconds=3600, label=_("Assignment ending"))
def assignments_ending(now):
    """An assignment ends within a week: tell the person and their supervisors, at 7 and 1 day."""
    today = dates.today(now)
    ending = (
        Assignment.objects.filter(
            end_date__gte=today, end_date__lte=today + timedelta(days=ASSIGNMENT_NOTICE_DAYS)
        )
        .select_related("user__profile__department", "site")
        .prefetch_related("user__profile__department__supervisors")
    )
    for assignment in ending:
        days_left = (assignment.end_date - today).days
        recipients = [assignment.user]
        profile = getattr(assignment.user, "profile", None)
        if profile:
            recipients += list(profile.department.supervisors.all())
        yield Due(
            obj=assignment,
            period="1d" if days_left <= 1 else "7d",
            recipients=recipients,
            title=_("Assignment of %(name)s at %(site)s ends on %(date)s"),
            body=_("Please arrange the hand-over or extend the assignment."),
            url=reverse("onsite:staff_detail", args=[assignment.user_id]),
            params={
                "name": display_name(assignment.user),
                "site": assignment.site.name,
                "date": assignment.end_date.isoformat(),
            },
        )
