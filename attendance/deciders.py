"""Who decides a person's request: it always has someone.

The first decision of a request (overtime, leave, a missed-punch correction) belongs to
the supervisors of the applicant's department; a supervisor away may have named a deputy
for the day (``Delegation``), who decides on their behalf. A department without a
supervisor is decided by its parent department's supervisors (the nearest one up that has
any); where nobody is configured up the line, HR decides, and HR sees the department
flagged. Nobody decides their own request: a supervisor's own request goes one level up.

``Routes`` reads the whole organisation for one day in one query (departments,
supervisors, deputies) and answers everything from memory, so a queue of 500 requests
asks no more than a queue of 5. It is cached on the deciding person for the request.
"""

from collections import defaultdict
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import BigIntegerField, CharField, Exists, OuterRef, Value
from django.db.models.functions import Cast
from django.utils import timezone

from attendance.models import Delegation
from onsite import audit
from onsite.choices import Role
from onsite.models import Department, StaffProfile
from onsite.permissions import has_role

SUPERVISOR, PARENT, HR, NOBODY = "supervisor", "parent", "hr", "nobody"


_BUILT = {}  # day -> the query of _organisation(day), built (not run) once a day


def _organisation(day):
    """(tag, a, b) rows, one query: ("department", id, parent id), ("supervisor",
    department id, active supervisor id), ("deputy", supervisor id, active deputy on ``day``).

    The query is put together once a day (that is most of its cost) and copied for each
    request: a copy runs afresh, nothing read is kept.
    """
    if day not in _BUILT:
        _BUILT.clear()
        _BUILT[day] = _organisation_query(day)
    return _BUILT[day].all()


def _organisation_query(day):

    def rows(tag, queryset, first, second):
        return (
            queryset.order_by()
            .annotate(
                r_tag=Value(tag, output_field=CharField()),
                r_first=Cast(first, BigIntegerField()),
                r_second=Cast(second, BigIntegerField()),
            )
            .values_list("r_tag", "r_first", "r_second")
        )

    departments = rows("department", Department.objects.all(), "id", "parent_id")
    supervisors = rows(
        "supervisor",
        Department.supervisors.through.objects.filter(
            user__is_active=True, user__groups__name=Role.SUPERVISOR
        ),
        "department_id",
        "user_id",
    )
    deputies = rows(
        "deputy",
        Delegation.objects.filter(start_date__lte=day, end_date__gte=day, deputy__is_active=True),
        "supervisor_id",
        "deputy_id",
    )
    return departments.union(supervisors, deputies, all=True)


@dataclass
class Route:
    """Who decides one applicant's request on one day."""

    how: str  # SUPERVISOR, PARENT, HR or NOBODY
    department_id: int | None = None  # the department whose supervisors decide
    supervisor_ids: frozenset = frozenset()
    deputies: dict = field(default_factory=dict)  # deputy id -> supervisor id acted for

    @property
    def decider_ids(self):
        return self.supervisor_ids | set(self.deputies)


class Routes:
    """The organisation's decision routes on ``day`` (one query, then memory)."""

    def __init__(self, day=None):
        self.day = day or timezone.localdate()
        self.parents = {}
        self.supervisors = defaultdict(set)
        self.deputies = defaultdict(set)  # supervisor id -> deputy ids today
        for tag, first, second in _organisation(self.day):
            if tag == "department":
                self.parents[first] = second
            elif tag == "supervisor":
                self.supervisors[first].add(second)
            else:
                self.deputies[first].add(second)

    def chain(self, department_id):
        """(department id, its supervisor ids) from the department up, those with any."""
        seen = set()
        while department_id is not None and department_id not in seen:
            seen.add(department_id)
            if self.supervisors.get(department_id):
                yield department_id, self.supervisors[department_id]
            department_id = self.parents.get(department_id)

    def route(self, applicant_id, department_id, hr_ids=()):
        """Who decides a request of ``applicant_id`` (of ``department_id``)."""
        for dept_id, supervisor_ids in self.chain(department_id):
            others = frozenset(supervisor_ids - {applicant_id})
            if others:
                deputies = {
                    deputy: supervisor
                    for supervisor in sorted(others)
                    for deputy in self.deputies.get(supervisor, ())
                    if deputy != applicant_id and deputy not in others
                }
                how = SUPERVISOR if dept_id == department_id else PARENT
                return Route(how, dept_id, others, deputies)
        if set(hr_ids) - {applicant_id}:
            return Route(HR)
        return Route(NOBODY)

    def route_once(self, applicant_id, department_id, hr_ids=frozenset()):
        """``route()``, worked out once per department for the applicants it does not depend
        on: who is nobody's supervisor or deputy and not among ``hr_ids`` (only those are
        taken out of the route), so a page of requests asks ``route()`` a few times."""
        if not hasattr(self, "_memo"):
            self._memo = {}
            self._named = set().union(*self.supervisors.values(), *self.deputies.values())
        named = applicant_id in self._named or applicant_id in hr_ids
        key = (applicant_id if named else None, department_id, hr_ids)
        if key not in self._memo:
            self._memo[key] = self.route(applicant_id, department_id, hr_ids)
        return self._memo[key]

    def home_departments(self):
        """{supervisor id: their own department id} (one query, the first time)."""
        if not hasattr(self, "_home"):
            ids = set().union(*self.supervisors.values()) if self.supervisors else set()
            self._home = dict(
                StaffProfile.objects.filter(user_id__in=ids)
                .order_by()
                .values_list("user_id", "department_id")
            )
        return self._home

    def away(self, supervisor_id):
        """The supervisor has a deputy today (their requests go to the deputy)."""
        return bool(self.deputies.get(supervisor_id))


def undecided_departments(routes=None):
    """The departments with staff that no supervisor decides for, up the whole line (HR
    does), in one query; with the day's ``routes`` already read, only the departments they
    leave to HR are looked up (no query when there are none)."""
    if routes is not None:
        bare = [d for d in routes.parents if not any(routes.chain(d))]
        staff = StaffProfile.objects.filter(department_id=OuterRef("pk"))
        return list(Department.objects.filter(pk__in=bare).filter(Exists(staff))) if bare else []
    supervised = Department.supervisors.through.objects.filter(
        department_id=OuterRef("pk"), user__is_active=True, user__groups__name=Role.SUPERVISOR
    )
    staffed = StaffProfile.objects.filter(department_id=OuterRef("pk"))
    departments = list(
        Department.objects.annotate(decided=Exists(supervised), staffed=Exists(staffed))
    )
    parents = {d.pk: d.parent_id for d in departments}
    decided = {d.pk for d in departments if d.decided}

    def covered(department_id):
        seen = set()
        while department_id is not None and department_id not in seen:
            if department_id in decided:
                return True
            seen.add(department_id)
            department_id = parents.get(department_id)
        return False

    return [d for d in departments if d.staffed and not covered(d.pk)]


def routes_for(user, day=None):
    """The day's routes, cached on the person asking (one computation per request)."""
    day = day or timezone.localdate()
    cache = user.__dict__.setdefault("_attendance_routes", {})
    if day not in cache:
        cache[day] = Routes(day)
    return cache[day]


def _hr_ids():
    return set(
        get_user_model()
        .objects.filter(groups__name=Role.HR, is_active=True)
        .values_list("pk", flat=True)
    )


def route_of(applicant, day=None, routes=None):
    """Who decides a request of ``applicant`` (a user with a profile) now."""
    routes = routes or Routes(day)
    profile = getattr(applicant, "profile", None)
    department_id = profile.department_id if profile else None
    return routes.route(applicant.pk, department_id, _hr_ids())


def people_to_tell(applicant, day=None):
    """(route, the people told of a new request): supervisors not away and the deputies of
    those who are, or HR where no supervisor decides."""
    routes = Routes(day)
    route = route_of(applicant, day, routes)
    User = get_user_model()
    if route.how == HR:
        return route, list(
            User.objects.filter(groups__name=Role.HR, is_active=True)
            .exclude(pk=applicant.pk)
            .distinct()
        )
    wanted = {s for s in route.supervisor_ids if not routes.away(s)} | set(route.deputies)
    return route, list(User.objects.filter(pk__in=wanted, is_active=True).order_by("pk"))


def decides(user, request, day=None):
    """May ``user`` take the first decision on ``request`` today (as supervisor, deputy,
    parent department's supervisor, or HR where nobody else is configured)?"""
    if request.user_id == user.pk:
        return False
    profile = getattr(request.user, "profile", None)
    routes = routes_for(user, day)
    hr = frozenset({user.pk}) if has_role(user, Role.HR) else frozenset()
    route = routes.route_once(request.user_id, profile.department_id if profile else None, hr)
    if route.how == HR:
        return bool(hr)
    return user.pk in route.decider_ids


def acting_for(user, request, day=None):
    """The supervisor ``user`` decides for as their deputy, or None (their own authority)."""
    profile = getattr(request.user, "profile", None)
    route = routes_for(user, day).route(request.user_id, profile.department_id if profile else None)
    if user.pk in route.supervisor_ids:
        return None
    supervisor_id = route.deputies.get(user.pk)
    return get_user_model().objects.filter(pk=supervisor_id).first() if supervisor_id else None


@contextmanager
def deciding(actor, request):
    """Audit entries written inside say whom a deputy decided for."""
    supervisor = acting_for(actor, request)
    with audit.on_behalf_of(supervisor) if supervisor else nullcontext():
        yield


def deputy_today(user, day=None):
    """The user stands in for some supervisor today."""
    routes = routes_for(user, day)
    return any(user.pk in deputies for deputies in routes.deputies.values())


def _answer(routes, question, user, work):
    """``work()``, asked once per person and question of the day's routes (the queue asks
    ``visible()`` for each of its sections)."""
    answers = routes.__dict__.setdefault("_answers", {})
    key = (question, user.pk)
    if key not in answers:
        answers[key] = frozenset(work())
    return answers[key]


def decided_department_ids(user, day=None):
    """Departments whose staff's requests ``user`` decides (as supervisor, deputy or parent)."""
    routes = routes_for(user, day)
    return _answer(
        routes,
        "departments",
        user,
        lambda: (d for d in routes.parents if user.pk in routes.route_once(None, d).decider_ids),
    )


def escalated_applicant_ids(user, day=None):
    """Supervisors whose own requests come to ``user`` (a supervisor's own request goes to
    another supervisor of their department, else one level up)."""
    routes = routes_for(user, day)
    return _answer(
        routes,
        "escalated",
        user,
        lambda: (
            supervisor
            for supervisor, department_id in routes.home_departments().items()
            if user.pk in routes.route_once(supervisor, department_id).decider_ids
        ),
    )
