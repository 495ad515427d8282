"""Helpers shared by the attendance services: who decides and is told, and local times."""

from datetime import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _

from attendance import deciders
from onsite.choices import Role
from onsite.workflow import WorkflowError

User = get_user_model()


def deciders_to_tell(user, day=None):
    """Whom a new request of ``user`` is sent to: their supervisors (a deputy for one away),
    the parent department's supervisors, else HR (``attendance.deciders``)."""
    return deciders.people_to_tell(user, day)[1]


def refuse_without_decider(user, day=None):
    """Raise WorkflowError if nobody at all could decide a request of ``user``.

    Enforces R2.3-overtime-supervisor-approval.
    """
    route = deciders.route_of(user, day)
    if route.how == deciders.NOBODY:
        raise WorkflowError(
            _(
                "Nobody can decide your request: your department has no supervisor and "
                "there is no HR. Ask the administrator to set one."
            )
        )
    return route


def hr_people(exclude=None):
    """Active HR people (the ones told about overtime to file), optionally without one."""
    people = User.objects.filter(groups__name=Role.HR, is_active=True).distinct()
    if exclude is not None:
        people = people.exclude(pk=exclude.pk)
    return list(people)


def aware(day, clock):
    """``day`` at ``clock`` in the project's time zone."""
    return timezone.make_aware(datetime.combine(day, clock), timezone.get_current_timezone())
