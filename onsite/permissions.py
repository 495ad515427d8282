"""The one place that answers "may this user do X to this object" and "which may they see".

Roles are groups (``onsite.choices.Role``); scopes are explicit grant tables queried
with plain JOINs (department supervisors, venue managers and leaders, collection
custodians and leaders). Apps register their own rules and scopes here, so views
and services of every app ask the same two questions:

    may(user, "attendance.approve_overtime", request_obj)
    visible(user, OvertimeRequest)        # a queryset restricted to what user may see
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q

from onsite import grants
from onsite.choices import COMPANY_WIDE_ROLES, Role
from onsite.models import Assignment, Department, Venue

_RULES = {}
_SCOPES = {}


def roles(user):
    """The set of role names the user holds (read with the user, or once a request)."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, "_onsite_roles", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        if user.is_superuser:
            names.add(Role.ADMIN)
        cached = frozenset(names)
        user._onsite_roles = cached
    return cached


def has_role(user, *wanted):
    """True if the user holds any of the wanted roles."""
    return bool(roles(user) & {str(r) for r in wanted})


def is_company_wide(user):
    return has_role(user, *COMPANY_WIDE_ROLES)


def rule(action):
    """Register ``fn(user, obj) -> bool`` as the rule for an action."""

    def decorate(fn):
        _RULES[action] = fn
        return fn

    return decorate


def scope(model):
    """Register ``fn(user, queryset) -> queryset`` as the visibility rule of a model
    (a model class or its label, e.g. ``"onsite.Venue"``)."""

    def decorate(fn):
        _SCOPES[model if isinstance(model, str) else model._meta.label] = fn
        return fn

    return decorate


def may(user, action, obj=None):
    """May the user do ``action`` (to ``obj``)? Unknown actions are refused."""
    if not user.is_authenticated or not user.is_active:
        return False
    check = _RULES.get(action)
    return bool(check and check(user, obj))


def require(user, action, obj=None):
    """Raise PermissionDenied unless ``may(user, action, obj)``; services call this."""
    if not may(user, action, obj):
        raise PermissionDenied(action)


def visible(user, model_or_queryset):
    """The objects of a model this user may see; nothing if no scope is registered."""
    queryset = (
        model_or_queryset
        if hasattr(model_or_queryset, "model")
        else model_or_queryset._default_manager.all()
    )
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    restrict = _SCOPES.get(queryset.model._meta.label)
    return restrict(user, queryset) if restrict else queryset.none()


# --- Scopes of the core ---------------------------------------------------------------
def supervised_department_ids(user):
    """Ids of the departments the user supervises (read with every grant, once a request)."""
    return grants.ids(user, "onsite.supervised_departments")


def supervises(supervisor, staff_user):
    """True if ``supervisor`` supervises the department of ``staff_user``."""
    if not has_role(supervisor, Role.SUPERVISOR):
        return False
    profile = getattr(staff_user, "profile", None)
    return bool(profile and profile.department_id in supervised_department_ids(supervisor))


@scope(get_user_model())
def _visible_staff(user, queryset):
    if is_company_wide(user):
        return queryset
    if has_role(user, Role.SUPERVISOR):
        depts = supervised_department_ids(user)
        return queryset.filter(Q(profile__department_id__in=depts) | Q(pk=user.pk))
    return queryset.filter(pk=user.pk)


@rule("onsite.list_staff")
def _may_list_staff(user, obj):
    return is_company_wide(user) or has_role(user, Role.SUPERVISOR)


@rule("onsite.view_staff")
def _may_view_staff(user, staff_user):
    return visible(user, get_user_model()).filter(pk=staff_user.pk).exists()


@rule("onsite.admin")
def _may_administer(user, obj):
    return has_role(user, Role.ADMIN)


# --- Venue scope: managers, leaders, and staff assigned to the venue's site that day -----
@grants.source("onsite.supervised_departments")
def _supervised_departments(user_id, day):
    return Department.supervisors.through.objects.filter(user_id=user_id).values_list(
        "department_id"
    )


@grants.source("onsite.managed_venues")
def _managed_venues(user_id, day):
    return Venue.managers.through.objects.filter(user_id=user_id).values_list("venue_id")


@grants.source("onsite.led_venues")
def _led_venues(user_id, day):
    return Venue.leaders.through.objects.filter(user_id=user_id).values_list("venue_id")


@grants.source("onsite.assigned_sites")
def _assigned_sites(user_id, day):
    return (
        Assignment.objects.filter(user_id=user_id, start_date__lte=day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .values_list("site_id")
    )


def managed_venue_ids(user):
    """Ids of the venues the user manages as control-room manager (once a request)."""
    return grants.ids(user, "onsite.managed_venues")


def led_venue_ids(user):
    """Ids of the venues the user is leader in charge of (once a request)."""
    return grants.ids(user, "onsite.led_venues")


def assigned_site_ids(user, day=None):
    """Ids of the client sites the user is assigned to on ``day`` (default: today, local)."""
    return grants.ids(user, "onsite.assigned_sites", day)


def serves_venue(user, venue, day=None):
    """The user is on-site staff assigned to the venue's site on ``day``."""
    return has_role(user, Role.STAFF) and venue.site_id in assigned_site_ids(user, day)


@scope("onsite.Venue")
def _visible_venues(user, queryset):
    if has_role(user, Role.ADMIN):
        return queryset
    condition = Q(pk__in=managed_venue_ids(user)) | Q(pk__in=led_venue_ids(user))
    if has_role(user, Role.STAFF):
        condition |= Q(site_id__in=assigned_site_ids(user))
    return queryset.filter(condition)


@rule("onsite.list_venues")
def _may_list_venues(user, obj):
    return has_role(user, Role.STAFF, Role.VENUE_MANAGER, Role.LEADER, Role.ADMIN)


@rule("onsite.view_venue")
def _may_view_venue(user, venue):
    return (
        has_role(user, Role.ADMIN)
        or venue.pk in managed_venue_ids(user)
        or venue.pk in led_venue_ids(user)
        or serves_venue(user, venue)
    )


@rule("onsite.manage_venue")
def _may_manage_venue(user, venue):
    return venue is not None and venue.pk in managed_venue_ids(user)


@rule("onsite.lead_venue")
def _may_lead_venue(user, venue):
    return venue is not None and venue.pk in led_venue_ids(user)


@rule("onsite.serve_venue")
def _may_serve_venue(user, venue):
    """Managers of the venue and staff assigned to its site today work there."""
    return venue is not None and (venue.pk in managed_venue_ids(user) or serves_venue(user, venue))
