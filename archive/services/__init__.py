"""Every state change of the archive: permission → transaction and row lock → change → audit
→ notification, through the recipe (``onsite.workflow``). Views call these and turn
``WorkflowError`` into a message.

One module per part: ``items`` (items and files), ``loans``, ``destruction``, ``audits``
(shelf audits and discrepancies). The public names are re-exported here, so callers say
``from archive import services`` and ``services.approve_loan(...)``.
"""

from archive.services.audits import (
    CHECK_RESULTS,
    complete_audit,
    mark_audit_line,
    resolve_discrepancy,
    start_audit,
)
from archive.services.destruction import (
    approve_destruction,
    carry_out_destruction,
    propose_destruction,
    reject_destruction,
)
from archive.services.items import (
    ChecksumMismatch,
    add_file,
    destroy_item,
    open_file,
    record_item_view,
    register_item,
    update_item,
)
from archive.services.loans import (
    approve_loan,
    cancel_loan,
    hand_over_loan,
    has_overdue_loan,
    read_receipt,
    record_refused_signing,
    reject_loan,
    request_loan,
    return_loan,
)

__all__ = [
    "CHECK_RESULTS",
    "ChecksumMismatch",
    "add_file",
    "approve_destruction",
    "approve_loan",
    "cancel_loan",
    "carry_out_destruction",
    "complete_audit",
    "destroy_item",
    "hand_over_loan",
    "has_overdue_loan",
    "mark_audit_line",
    "open_file",
    "propose_destruction",
    "read_receipt",
    "record_item_view",
    "record_refused_signing",
    "register_item",
    "reject_destruction",
    "reject_loan",
    "request_loan",
    "resolve_discrepancy",
    "return_loan",
    "start_audit",
    "update_item",
]
