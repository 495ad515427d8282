"""Every state change of the equipment app: permission → transaction and row lock → change →
audit → notification. Views call these and turn ``WorkflowError`` into a message."""

from equipment.services.faults import (
    close_fault,
    fix_fault,
    open_fault_for,
    report_fault,
    respond_to_fault,
)
from equipment.services.inspections import (
    Line,
    expected_lines,
    miss_inspection,
    record_inspection,
    save_plan,
    schedule,
    schedule_next,
)
from equipment.services.inventory import (
    add_attachment,
    open_attachment,
    register_equipment,
    reinstate_equipment,
    retire_equipment,
    update_equipment,
)

__all__ = [
    "Line",
    "add_attachment",
    "close_fault",
    "expected_lines",
    "fix_fault",
    "miss_inspection",
    "open_attachment",
    "open_fault_for",
    "record_inspection",
    "register_equipment",
    "reinstate_equipment",
    "report_fault",
    "respond_to_fault",
    "retire_equipment",
    "save_plan",
    "schedule",
    "schedule_next",
    "update_equipment",
]
