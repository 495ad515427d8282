"""Views of the archive: thin, scoped through ``visible()``; state changes via services.

One module per part of the archive; ``archive/urls.py`` names them through this package.
"""

from archive.views.audits import (
    access_log,
    audit_action,
    audit_detail,
    audit_line_mark,
    audit_list,
    audit_start,
    discrepancy_action,
    discrepancy_list,
)
from archive.views.destruction import (
    destruction_action,
    destruction_detail,
    destruction_list,
    destruction_propose,
)
from archive.views.digital import (
    digital_loan_action,
    digital_loan_request,
    download_list,
    loan_sign,
)
from archive.views.grants import grant_create, grant_list, grant_revoke
from archive.views.holds import hold_action, hold_detail, hold_place
from archive.views.integrity import integrity_list
from archive.views.items import (
    file_download,
    file_upload,
    item_create,
    item_detail,
    item_edit,
    item_history,
    item_list,
)
from archive.views.labels import audit_scan, labels
from archive.views.loans import (
    loan_action,
    loan_detail,
    loan_hand_over,
    loan_queue,
    loan_receipt,
    loan_request,
    loan_return,
    my_loans,
)
from archive.views.registers import (
    export_download,
    export_list,
    export_retry,
    item_register,
    loan_register,
    register_queue,
)

__all__ = [
    "access_log",
    "audit_action",
    "audit_detail",
    "audit_line_mark",
    "audit_list",
    "audit_scan",
    "audit_start",
    "digital_loan_action",
    "digital_loan_request",
    "download_list",
    "grant_create",
    "grant_list",
    "grant_revoke",
    "hold_action",
    "hold_detail",
    "hold_place",
    "integrity_list",
    "labels",
    "loan_sign",
    "destruction_action",
    "destruction_detail",
    "destruction_list",
    "destruction_propose",
    "discrepancy_action",
    "discrepancy_list",
    "export_download",
    "export_list",
    "export_retry",
    "file_download",
    "file_upload",
    "item_create",
    "item_detail",
    "item_edit",
    "item_history",
    "item_list",
    "item_register",
    "loan_action",
    "loan_detail",
    "loan_hand_over",
    "loan_queue",
    "loan_receipt",
    "loan_request",
    "loan_return",
    "loan_register",
    "my_loans",
    "register_queue",
]
