"""Views of the archive: thin, scoped through ``visible()``; state changes via services.

One module per part of the archive; ``archive/urls.py`` names them through this package.
"""

from archive.views.audits import (
    access_log,
    audit_complete,
    audit_detail,
    audit_line_mark,
    audit_list,
    audit_start,
    discrepancy_list,
    discrepancy_resolve,
)
from archive.views.destruction import (
    destruction_approve,
    destruction_carry_out,
    destruction_detail,
    destruction_list,
    destruction_propose,
    destruction_reject,
)
from archive.views.items import (
    file_download,
    file_upload,
    item_create,
    item_detail,
    item_edit,
    item_history,
    item_list,
)
from archive.views.loans import (
    loan_approve,
    loan_cancel,
    loan_detail,
    loan_hand_over,
    loan_queue,
    loan_receipt,
    loan_reject,
    loan_request,
    loan_return,
    my_loans,
)
from archive.views.registers import export_download, export_list, item_register, loan_register

__all__ = [
    "access_log",
    "audit_complete",
    "audit_detail",
    "audit_line_mark",
    "audit_list",
    "audit_start",
    "destruction_approve",
    "destruction_carry_out",
    "destruction_detail",
    "destruction_list",
    "destruction_propose",
    "destruction_reject",
    "discrepancy_list",
    "discrepancy_resolve",
    "export_download",
    "export_list",
    "file_download",
    "file_upload",
    "item_create",
    "item_detail",
    "item_edit",
    "item_history",
    "item_list",
    "item_register",
    "loan_approve",
    "loan_cancel",
    "loan_detail",
    "loan_hand_over",
    "loan_queue",
    "loan_receipt",
    "loan_reject",
    "loan_request",
    "loan_return",
    "loan_register",
    "my_loans",
]
