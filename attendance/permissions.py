"""Who may do what in attendance, and which records each person sees.

Staff see their own records; a supervisor also those of the departments they
supervise; HR, the VP and administrators the whole company. Nobody decides their
own request. Exports are seen by the person who asked for them only (the core's export
framework registers that scope with the builder).

The deciding rules answer for one request, or — asked without one (``obj=None``) — whether
the person decides such requests at all (the approval queue shows that section).
"""

from django.db.models import Q

from attendance.models import AttendanceRecord, LeaveRequest, OvertimeRequest
from onsite.choices import Role
from onsite.permissions import (
    has_role,
    is_company_wide,
    rule,
    scope,
    supervised_department_ids,
    supervises,
)


def _own_or_supervised(user, queryset):
    if is_company_wide(user):
        return queryset
    if has_role(user, Role.SUPERVISOR):
        return queryset.filter(
            Q(user__profile__department_id__in=supervised_department_ids(user)) | Q(user=user)
        )
    return queryset.filter(user=user)


for _model in (AttendanceRecord, LeaveRequest, OvertimeRequest):
    scope(_model)(_own_or_supervised)


@rule("attendance.use")
def _may_use(user, obj):
    """Anyone with a staff profile keeps attendance and asks for leave and overtime."""
    return hasattr(user, "profile")


@rule("attendance.view_queue")
def _may_view_queue(user, obj):
    return has_role(user, Role.SUPERVISOR, Role.HR)


def _supervisor_of_applicant(user, request):
    if request is None:
        return has_role(user, Role.SUPERVISOR)
    return request.user_id != user.pk and supervises(user, request.user)


@rule("attendance.approve_overtime")
def _may_approve_overtime(user, request):
    return _supervisor_of_applicant(user, request)


@rule("attendance.file_overtime")
def _may_file_overtime(user, request):
    if request is None:
        return has_role(user, Role.HR)
    return request.user_id != user.pk and has_role(user, Role.HR)


@rule("attendance.decide_leave")
def _may_decide_leave(user, request):
    return _supervisor_of_applicant(user, request)


@rule("attendance.cancel_request")
def _may_cancel(user, request):
    return request is not None and request.user_id == user.pk


@rule("attendance.confirm_hours")
def _may_confirm_hours(user, request):
    return request is not None and (request.user_id == user.pk or supervises(user, request.user))


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
