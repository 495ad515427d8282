"""Helpers shared by the attendance services: who is told, and local times."""

from datetime import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from onsite.choices import Role

User = get_user_model()


def supervisors_of(user):
    """The supervisors of a person's department(s), never the person themself."""
    return list(
        User.objects.filter(
            supervised_departments__staff__user=user,
            groups__name=Role.SUPERVISOR,
            is_active=True,
        )
        .exclude(pk=user.pk)
        .distinct()
    )


def hr_people(exclude=None):
    """Active HR people (the ones told about overtime to file), optionally without one."""
    people = User.objects.filter(groups__name=Role.HR, is_active=True).distinct()
    if exclude is not None:
        people = people.exclude(pk=exclude.pk)
    return list(people)


def aware(day, clock):
    """``day`` at ``clock`` in the project's time zone."""
    return timezone.make_aware(datetime.combine(day, clock), timezone.get_current_timezone())
