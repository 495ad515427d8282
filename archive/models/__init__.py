"""Models of the confidential A/V archive, one module per part (re-exported here)."""

from archive.models.items import (
    Collection,
    CollectionAccess,
    Copy,
    FileDownload,
    Item,
    ItemFile,
    ItemGrant,
)
from archive.models.loans import Hold, Loan, Signature
from archive.models.paths import export_path, item_file_path, receipt_path
from archive.models.records import (
    AuditLine,
    Destruction,
    Discrepancy,
    RegisterExport,
    ShelfAudit,
)

__all__ = [
    "AuditLine",
    "Collection",
    "CollectionAccess",
    "Copy",
    "Destruction",
    "Discrepancy",
    "FileDownload",
    "Hold",
    "Item",
    "ItemFile",
    "ItemGrant",
    "Loan",
    "RegisterExport",
    "ShelfAudit",
    "Signature",
    "export_path",
    "item_file_path",
    "receipt_path",
]
