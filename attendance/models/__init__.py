"""Models of the attendance app: schedules, holiday calendar, check-ins, corrections, leave,
overtime, deputies and exports (one module per part).

Durations are stored as whole minutes (or days as decimals), never as "HH:MM" text.
Statuses of days are derived (``attendance.days``), never stored.
"""

from attendance.models.exports import AttendanceExport
from attendance.models.records import AttendanceRecord, PunchCorrection
from attendance.models.requests import (
    Delegation,
    LeaveAllowance,
    LeaveRequest,
    LeaveType,
    OvertimeRequest,
)
from attendance.models.setup import (
    AttendancePolicy,
    CalendarYear,
    CheckInPolicy,
    HolidayCalendarDay,
    SiteDayOff,
    SiteSchedule,
    validate_weekdays,
)
from attendance.models.stamps import FactStamp

__all__ = [
    "AttendancePolicy",
    "Delegation",
    "PunchCorrection",
    "AttendanceExport",
    "AttendanceRecord",
    "CalendarYear",
    "CheckInPolicy",
    "FactStamp",
    "HolidayCalendarDay",
    "LeaveAllowance",
    "LeaveRequest",
    "LeaveType",
    "OvertimeRequest",
    "SiteDayOff",
    "SiteSchedule",
    "validate_weekdays",
]
