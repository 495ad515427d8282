"""Options of the meeting rooms (Django settings ``MEETINGROOM_*``), validated.

A venue's own figures (``VenueSettings``) override the defaults below.
"""

from onsite.conf import AppSettings, Setting, non_negative_int, positive_int

conf = AppSettings(
    "MEETINGROOM",
    LOCKDOWN_BEFORE_MINUTES=Setting(60, non_negative_int, "lockdown starts this long before"),
    LOCKDOWN_AFTER_MINUTES=Setting(30, non_negative_int, "lockdown ends this long after"),
    OPEN_ENTRY_HOURS=Setting(12, positive_int, "an entry open longer is flagged and reminded"),
    CLASSIFIED_LEVEL=Setting(2, non_negative_int, "meetings at this level or above are classified"),
    PLEDGE_VALID_DAYS=Setting(365, positive_int, "a pledge signed in the portal is valid so long"),
    PLEDGE_NOTICE_DAYS=Setting(30, positive_int, "expiry notice this many days ahead"),
    RECORDINGS_DUE_DAYS=Setting(2, positive_int, "recordings of a classified meeting due after"),
    MAX_SCAN_BYTES=Setting(20 * 1024 * 1024, positive_int, "largest uploaded pledge scan"),
    MAX_ATTACHMENT_BYTES=Setting(20 * 1024 * 1024, positive_int, "largest notice attachment"),
)
