"""Options of the duties app (Django settings ``DUTIES_*``), validated; read nothing else."""

from datetime import time

from onsite.conf import AppSettings, Setting, non_negative_int, positive_int, positive_ints


def clock_time(value):
    """A time of day written "HH:MM" (or a ``datetime.time``)."""
    if isinstance(value, time):
        return value
    hours, minutes = str(value).split(":")
    return time(int(hours), int(minutes))


conf = AppSettings(
    "DUTIES",
    REPORT_DUE_TIME=Setting("18:00", clock_time, "staff without a report by then are reminded"),
    CHECKLIST_DUE_TIME=Setting("09:30", clock_time, "staff without a checklist by then: reminded"),
    DOCUMENT_NOTICE_HOURS=Setting(24, positive_int, "hours before a document's deadline to remind"),
    AUTHORISATION_NOTICE_DAYS=Setting(
        (1, 14), positive_ints, "days before an authorisation ends to remind (increasing)"
    ),
    TRAINING_NOTICE_DAYS=Setting(2, positive_int, "days before a training to remind attendees"),
    TASK_OVERDUE_REPEAT_DAYS=Setting(7, positive_int, "an overdue task is reminded again after"),
    AUDITED_READ_LEVEL=Setting(1, non_negative_int, "opening attachments at this level is audited"),
    MAX_UPLOAD_BYTES=Setting(50 * 1024**2, positive_int, "largest attachment"),
)
