"""Options of attendance (Django settings ``ATTENDANCE_*``), validated; read nothing else."""

from onsite.conf import AppSettings, Setting, non_negative_int, positive_int

conf = AppSettings(
    "ATTENDANCE",
    HOURS_PER_DAY=Setting(
        8, positive_int, "hours of a working day when overtime turns into compensatory leave"
    ),
    PROVISIONAL_WARNING_DAYS=Setting(
        60, positive_int, "days before a year without official holiday data that HR is warned"
    ),
    DEFAULT_GEOFENCE_METRES=Setting(
        300, positive_int, "geofence radius of a site that sets a position but no radius"
    ),
    CORRECTION_WORKING_DAYS=Setting(
        3, positive_int, "working days after a missed punch within which a correction is asked"
    ),
    CORRECTIONS_PER_MONTH=Setting(
        3, positive_int, "corrections a person may ask for a month, until HR sets the number"
    ),
    REMIND_AFTER_WORKING_DAYS=Setting(
        2, positive_int, "working days a request waits before its decider is reminded"
    ),
    PDF_WORKERS=Setting(
        2, non_negative_int, "processes that render a long PDF's parts at once (0: in the caller)"
    ),
    PDF_PART_ROWS=Setting(
        60, positive_int, "people per part of a long PDF (a department is one part or more)"
    ),
    ESCALATE_AFTER_WORKING_DAYS=Setting(
        4, positive_int, "working days a request waits before the decider's manager or HR is told"
    ),
)
