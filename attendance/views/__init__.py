"""Views of attendance: thin, scoped through ``visible()``; every change through a service.

One module per part; ``attendance/urls.py`` names them through this package.
"""

from attendance.views.calendar import (
    calendar,
    calendar_day_delete,
    calendar_day_save,
    calendar_year,
)
from attendance.views.corrections import correction_action, correction_detail, correction_new
from attendance.views.deputies import deputies, deputy_withdraw, rules
from attendance.views.exports import (
    export_download,
    export_list,
    export_pdf,
    export_retry,
    export_start,
    export_status,
    export_xlsx,
)
from attendance.views.leave_types import leave_allowances, leave_type_edit, leave_types_list
from attendance.views.queue import queue, queue_decide
from attendance.views.requests import (
    leave_action,
    leave_detail,
    leave_new,
    overtime_action,
    overtime_detail,
    overtime_hours,
    overtime_new,
)
from attendance.views.sites import site_day_off_delete, site_detail, site_list
from attendance.views.team import request_list, summary, team, unapproved
from attendance.views.today import check_in, check_out, my_month, my_requests, today

__all__ = [
    "correction_action",
    "correction_detail",
    "correction_new",
    "deputies",
    "deputy_withdraw",
    "rules",
    "calendar",
    "calendar_day_delete",
    "calendar_day_save",
    "calendar_year",
    "check_in",
    "check_out",
    "export_download",
    "export_list",
    "export_pdf",
    "export_retry",
    "export_start",
    "export_status",
    "export_xlsx",
    "leave_action",
    "leave_allowances",
    "leave_detail",
    "leave_new",
    "leave_type_edit",
    "leave_types_list",
    "my_month",
    "my_requests",
    "overtime_action",
    "overtime_detail",
    "overtime_hours",
    "overtime_new",
    "queue",
    "queue_decide",
    "request_list",
    "site_day_off_delete",
    "site_detail",
    "site_list",
    "summary",
    "team",
    "today",
    "unapproved",
]
