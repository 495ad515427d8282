"""Options of the archive (Django settings ``ARCHIVE_*``), validated; read nothing else."""

from onsite.conf import (
    AppSettings,
    Setting,
    int_by_key,
    labels,
    non_negative_int,
    positive_int,
    positive_ints,
)

conf = AppSettings(
    "ARCHIVE",
    CLASSIFICATION_LEVELS=Setting(
        None, labels, "classification labels, lowest first (default 公开/内部/秘密/机密)"
    ),
    AUDITED_READ_LEVEL=Setting(1, non_negative_int, "reads at or above this level are audited"),
    MAX_LOAN_DAYS=Setting(30, positive_int, "longest loan in days"),
    LOAN_COURTESY_DAYS=Setting(2, non_negative_int, "courtesy notice days before the due date"),
    LOAN_OVERDUE_DAYS=Setting((1, 4, 8), positive_ints, "days after the due date of the notices"),
    AUDIT_INTERVAL_DAYS_BY_MEDIUM=Setting({}, int_by_key, "shorter audit intervals per medium"),
    MAX_UPLOAD_BYTES=Setting(8 * 1024**3, positive_int, "largest digital file"),
    PDF_MAX_ROWS=Setting(400, positive_int, "longer PDF registers are made in the background"),
)
