"""Every state change of the archive: permission → transaction and row lock → change → audit
→ notification, through the recipe (``onsite.workflow``). Views call these and turn
``WorkflowError`` into a message.

One module per part: ``items`` (items and files), ``loans`` (physical), ``digital``
(digital loans and downloads), ``grants`` (single-item grants), ``holds`` (the queue for
a lent item), ``copies`` (which copy is free, label codes), ``destruction``, ``audits``
(shelf audits and discrepancies), ``integrity`` (the storage sweep). The public names
are re-exported here, so callers say ``from archive import services`` and
``services.approve_loan(...)``.
"""

from archive.services.audits import (
    CHECK_RESULTS,
    complete_audit,
    mark_audit_line,
    resolve_discrepancy,
    scan_copy,
    start_audit,
)
from archive.services.destruction import (
    approve_destruction,
    carry_out_destruction,
    propose_destruction,
    reject_destruction,
)
from archive.services.digital import (
    DownloadRefused,
    approve_digital_loan,
    cancel_digital_loan,
    download,
    download_loan,
    end_digital_loans,
    finish_digital_loan,
    reject_digital_loan,
    request_digital_loan,
    revoke_digital_loan,
    sign_digital_terms,
)
from archive.services.grants import end_item_grants, grant_item, revoke_grant
from archive.services.holds import cancel_hold, expire_holds, place_hold, queue_position
from archive.services.integrity import report_damaged_file, verify_stored_files
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
    "DownloadRefused",
    "add_file",
    "approve_destruction",
    "approve_digital_loan",
    "approve_loan",
    "cancel_digital_loan",
    "cancel_hold",
    "cancel_loan",
    "carry_out_destruction",
    "complete_audit",
    "destroy_item",
    "download",
    "download_loan",
    "end_digital_loans",
    "end_item_grants",
    "expire_holds",
    "finish_digital_loan",
    "grant_item",
    "hand_over_loan",
    "has_overdue_loan",
    "mark_audit_line",
    "open_file",
    "place_hold",
    "propose_destruction",
    "queue_position",
    "read_receipt",
    "record_item_view",
    "record_refused_signing",
    "register_item",
    "reject_destruction",
    "reject_digital_loan",
    "reject_loan",
    "report_damaged_file",
    "request_digital_loan",
    "request_loan",
    "resolve_discrepancy",
    "return_loan",
    "revoke_digital_loan",
    "revoke_grant",
    "scan_copy",
    "sign_digital_terms",
    "start_audit",
    "update_item",
    "verify_stored_files",
]
