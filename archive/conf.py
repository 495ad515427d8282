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
    DIGITAL_ACCESS_DAYS=Setting(7, positive_int, "a digital loan's access window by default"),
    MAX_DIGITAL_ACCESS_DAYS=Setting(30, positive_int, "longest access window of a digital loan"),
    MAX_GRANT_DAYS=Setting(90, positive_int, "longest single-item grant in days"),
    HOLD_KEEP_DAYS=Setting(3, positive_int, "days a returned copy is kept for the first queuing"),
    DESTRUCTION_ESCALATE_DAYS=Setting(
        3, positive_int, "days after a missed destruction date that the leaders are told too"
    ),
    DISCREPANCY_ESCALATE_DAYS=Setting(
        7, positive_int, "days after the custodians' reminder that the leaders are told too"
    ),
    DECISION_REMIND_HOURS=Setting(
        48, positive_int, "a request waits this long: remind the deciders"
    ),
    DECISION_ESCALATE_HOURS=Setting(
        120, positive_int, "a request waits this long: tell the deciders' own managers too"
    ),
    INTEGRITY_CYCLE_DAYS=Setting(30, positive_int, "every stored file is re-verified this often"),
    INTEGRITY_EVERY_SECONDS=Setting(600, positive_int, "how often the integrity sweep runs"),
    INTEGRITY_MAX_SECONDS=Setting(60, positive_int, "longest work of one integrity sweep run"),
)
