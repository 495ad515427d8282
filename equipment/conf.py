"""Options of the equipment app (Django settings ``EQUIPMENT_*``), validated; read nothing else."""

from onsite.conf import AppSettings, Setting, non_negative_int, positive_int

conf = AppSettings(
    "EQUIPMENT",
    RESPONSE_MINUTES=Setting(
        120, positive_int, "fault response target of a site without a contract target (minutes)"
    ),
    FIX_HOURS=Setting(24, positive_int, "fault fix target of a site without one (hours)"),
    OVERDUE_ESCALATION_DAYS=Setting(
        1, non_negative_int, "days after the due date before the supervisors are told"
    ),
    MAX_UPLOAD_BYTES=Setting(50 * 1024**2, positive_int, "largest attachment"),
    PHOTO_MAX_PIXELS=Setting(1600, positive_int, "longest side of a stored inspection photo"),
    FEED_DAYS=Setting(60, positive_int, "days ahead a personal calendar feed shows"),
    IMPORT_MAX_ROWS=Setting(5000, positive_int, "largest inventory import"),
)
