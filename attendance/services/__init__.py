"""Every change of attendance data: check-in/out, overtime and leave workflows, HR's setup.

Services take objects (never primary keys or requests). Each state change of a request is
one call of its workflow (``attendance.choices``: ``OVERTIME_FLOW``, ``LEAVE_FLOW``): the
rule, the row locks, the state, the audit entry ``attendance.<model>.<action>`` and the
notifications' outbox rows in one transaction. Refusals raise ``WorkflowError`` (shown to
the person) or ``PermissionDenied``.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from attendance.choices import REQUEST_FLOWS
from attendance.services.clock import check_in, check_out, today_assignment
from attendance.services.common import deciders_to_tell, hr_people
from attendance.services.corrections import (
    approve_correction,
    cancel_correction,
    deadline_of,
    reject_correction,
    set_corrections_per_month,
    submit_correction,
)
from attendance.services.deputies import name_deputy, withdraw_deputy
from attendance.services.leave import (
    allowance_of,
    approve_leave,
    cancel_leave,
    comp_leave_balance,
    days_taken,
    leave_balance,
    leave_balances,
    reject_leave,
    save_leave_type,
    set_allowance,
    submit_leave,
)
from attendance.services.overtime import (
    approve_overtime,
    cancel_overtime,
    classify,
    classify_day,
    confirm_overtime_hours,
    file_overtime,
    hours_refusal,
    hr_reject_overtime,
    reject_overtime,
    submit_overtime,
    suggested_minutes,
)
from attendance.services.setup import (
    add_day_off,
    add_schedule,
    confirm_calendar_year,
    import_calendar_year,
    remove_calendar_day,
    remove_day_off,
    save_calendar_day,
    save_policy,
)
from onsite.workflow import WorkflowError


def decide_many(actor, what, action, requests, comment=""):
    """Apply one decision to several requests (of kind ``what``), each in its own transaction.

    Returns (number decided, list of error messages); one refusal does not undo the others.
    """
    decide = REQUEST_FLOWS[what].service(action)
    done, errors = 0, []
    for request in requests:
        try:
            decide(actor, request, comment=comment)
        except WorkflowError as error:
            errors.append(f"#{request.pk}: {error}")
        except PermissionDenied:
            errors.append(_("#%(pk)s: you may not decide this request.") % {"pk": request.pk})
        else:
            done += 1
    return done, errors


__all__ = [
    "approve_correction",
    "cancel_correction",
    "deadline_of",
    "name_deputy",
    "reject_correction",
    "set_corrections_per_month",
    "submit_correction",
    "withdraw_deputy",
    "add_day_off",
    "add_schedule",
    "allowance_of",
    "approve_leave",
    "approve_overtime",
    "cancel_leave",
    "cancel_overtime",
    "check_in",
    "check_out",
    "classify",
    "classify_day",
    "comp_leave_balance",
    "confirm_calendar_year",
    "confirm_overtime_hours",
    "days_taken",
    "decide_many",
    "file_overtime",
    "hours_refusal",
    "hr_people",
    "hr_reject_overtime",
    "import_calendar_year",
    "leave_balance",
    "leave_balances",
    "reject_leave",
    "reject_overtime",
    "remove_calendar_day",
    "remove_day_off",
    "save_calendar_day",
    "save_leave_type",
    "save_policy",
    "set_allowance",
    "submit_leave",
    "submit_overtime",
    "suggested_minutes",
    "deciders_to_tell",
    "today_assignment",
]
