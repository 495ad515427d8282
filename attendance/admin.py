"""Administration of site schedules, client days off and check-in policies (audited).

Requests and check-ins are changed only through their workflows, so the admin shows
them read-only.
"""

from django.contrib import admin

from attendance.models import (
    AttendanceExport,
    AttendanceRecord,
    CalendarYear,
    CheckInPolicy,
    HolidayCalendarDay,
    LeaveAllowance,
    LeaveRequest,
    LeaveType,
    OvertimeRequest,
    SiteDayOff,
    SiteSchedule,
)
from onsite.admin import AuditedAdminMixin, ReadOnlyAdmin


@admin.register(SiteSchedule)
class SiteScheduleAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["site", "valid_from", "weekdays", "start_time", "end_time", "grace_minutes"]
    list_filter = ["site"]
    list_select_related = ["site"]


@admin.register(SiteDayOff)
class SiteDayOffAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["site", "date", "reason"]
    list_filter = ["site"]
    list_select_related = ["site"]


@admin.register(CheckInPolicy)
class CheckInPolicyAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["site", "latitude", "longitude", "radius_metres"]
    list_select_related = ["site"]


@admin.register(LeaveType)
class LeaveTypeAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["code", "name", "yearly_allowance", "allow_negative", "is_compensatory"]


@admin.register(LeaveAllowance)
class LeaveAllowanceAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["user", "leave_type", "year", "days"]
    list_filter = ["year", "leave_type"]
    list_select_related = ["user", "leave_type"]


@admin.register(HolidayCalendarDay)
class HolidayCalendarDayAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["date", "kind", "name", "source"]
    list_filter = ["kind", "source"]
    date_hierarchy = "date"


@admin.register(CalendarYear)
class CalendarYearAdmin(ReadOnlyAdmin):
    list_display = ["year", "provisional", "seeded_at", "confirmed_at"]


@admin.register(AttendanceRecord)
class AttendanceRecordAdmin(ReadOnlyAdmin):
    list_display = ["user", "date", "site", "check_in_at", "check_out_at", "check_in_ip"]
    list_filter = ["site"]
    list_select_related = ["user", "site"]
    date_hierarchy = "date"


@admin.register(OvertimeRequest)
class OvertimeRequestAdmin(ReadOnlyAdmin):
    list_display = ["user", "date", "start_time", "end_time", "kind", "status"]
    list_filter = ["status", "kind"]
    list_select_related = ["user"]


@admin.register(LeaveRequest)
class LeaveRequestAdmin(ReadOnlyAdmin):
    list_display = ["user", "leave_type", "start_date", "end_date", "days", "status"]
    list_filter = ["status", "leave_type"]
    list_select_related = ["user", "leave_type"]


@admin.register(AttendanceExport)
class AttendanceExportAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "requested_by", "year", "month", "scope", "format", "state"]
