"""Options of attendance (Django settings ``ATTENDANCE_*``), validated; read nothing else."""

from onsite.conf import AppSettings, Setting, positive_int

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
)
