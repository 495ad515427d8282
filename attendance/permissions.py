"""Who may do what in attendance, and which records each person sees.

Staff see their own records; a supervisor also those of the departments they
supervise, and whoever decides requests (a deputy, a parent department's supervisor —
``attendance.deciders``) the records of the people whose requests they decide; HR, the VP
and administrators the whole company. Nobody decides their own request. Exports are seen
by the person who asked for them only (the core's export
framework registers that scope with the builder).

The deciding rules answer for one request, or — asked without one (``obj=None``) — whether
the person decides such requests at all (the approval queue shows that section).
"""

from django.db.models import Q
from django.utils import timezone

from attendance import deciders
from attendance.models import (
    AttendanceRecord,
    Delegation,
    LeaveRequest,
    OvertimeRequest,
    PunchCorrection,
)
from onsite import grants
from onsite.choices import Role
from onsite.permissions import (
    has_role,
    is_company_wide,
    rule,
    scope,
    supervised_department_ids,
    supervises,
)


@grants.source("attendance.deputy_today")
def _standing_in(user_id, day):
    return Delegation.objects.filter(
        deputy_id=user_id, start_date__lte=day, end_date__gte=day
    ).values_list("pk")


def is_deputy_today(user):
    """The person stands in for a supervisor today (read with every grant, once a request)."""
    return bool(grants.ids(user, "attendance.deputy_today", timezone.localdate()))


def decides_some(user):
    """The person takes first decisions at all: a supervisor, a deputy today, or HR."""
    return has_role(user, Role.SUPERVISOR, Role.HR) or is_deputy_today(user)


def _own_or_decided(user, queryset):
    if is_company_wide(user):
        return queryset
    if not (has_role(user, Role.SUPERVISOR) or is_deputy_today(user)):
        return queryset.filter(user=user)
    departments = set(supervised_department_ids(user)) | deciders.decided_department_ids(user)
    return queryset.filter(
        Q(user__profile__department_id__in=departments)
        | Q(user_id__in=deciders.escalated_applicant_ids(user))
        | Q(user=user)
    )


for _model in (AttendanceRecord, LeaveRequest, OvertimeRequest, PunchCorrection):
    scope(_model)(_own_or_decided)


@scope(Delegation)
def _visible_delegations(user, queryset):
    if has_role(user, Role.HR, Role.ADMIN):
        return queryset
    return queryset.filter(Q(supervisor=user) | Q(deputy=user))


@rule("attendance.use")
def _may_use(user, obj):
    """Anyone with a staff profile keeps attendance and asks for leave and overtime."""
    return hasattr(user, "profile")


@rule("attendance.view_queue")
def _may_view_queue(user, obj):
    return decides_some(user)


def _first_decider(user, request):
    """The supervisor, their deputy, the parent department's supervisor, else HR."""
    if request is None:
        return decides_some(user)
    return deciders.decides(user, request)


@rule("attendance.approve_overtime")
def _may_approve_overtime(user, request):
    return _first_decider(user, request)


@rule("attendance.file_overtime")
def _may_file_overtime(user, request):
    if request is None:
        return has_role(user, Role.HR)
    return request.user_id != user.pk and has_role(user, Role.HR)


@rule("attendance.decide_leave")
def _may_decide_leave(user, request):
    return _first_decider(user, request)


@rule("attendance.decide_correction")
def _may_decide_correction(user, request):
    return _first_decider(user, request)


@rule("attendance.cancel_request")
def _may_cancel(user, request):
    return request is not None and request.user_id == user.pk


@rule("attendance.confirm_hours")
def _may_confirm_hours(user, request):
    return request is not None and (
        request.user_id == user.pk
        or supervises(user, request.user)
        or deciders.decides(user, request)
    )


@rule("attendance.name_deputy")
def _may_name_deputy(user, delegation):
    """A supervisor names their own deputy; HR names one for any supervisor. ``delegation``
    (to withdraw) must be theirs."""
    if has_role(user, Role.HR):
        return True
    if not has_role(user, Role.SUPERVISOR):
        return False
    return delegation is None or delegation.supervisor_id == user.pk


@rule("attendance.manage_policy")
def _may_manage_policy(user, obj):
    return has_role(user, Role.HR)


@rule("attendance.view_team")
def _may_view_team(user, obj):
    return has_role(user, Role.SUPERVISOR) or is_company_wide(user)


@rule("attendance.manage_calendar")
def _may_manage_calendar(user, obj):
    return has_role(user, Role.HR, Role.ADMIN)


@rule("attendance.manage_leave_types")
def _may_manage_leave_types(user, obj):
    return has_role(user, Role.HR, Role.ADMIN)


@rule("attendance.export")
def _may_export(user, obj):
    return has_role(user, Role.HR)


@rule("attendance.manage_sites")
def _may_manage_sites(user, obj):
    """Site schedules, client days off and check-in rules: HR and administrators."""
    return has_role(user, Role.HR, Role.ADMIN)
