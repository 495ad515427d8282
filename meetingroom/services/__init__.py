"""Every state change of the meeting rooms, one function each (views stay thin).

Split by part; importing this package registers every transition's service
(``Workflow.implements``) and guard.
"""

from meetingroom.services.access import (
    EntryRefused,
    admit_visitor,
    approve_visit,
    cancel_visit,
    confirm_admission,
    entry_refusal,
    file_visit,
    inside,
    lockdown_meeting,
    log_entry,
    log_exit,
    reject_visit,
)
from meetingroom.services.meetings import (
    admit_subvenue,
    cancel_meeting,
    deposit_devices,
    give_back_devices,
    open_admission,
    open_notice_attachment,
    record_notice,
    refuse_admission,
    register_subvenue,
    schedule_meeting,
    set_meeting_staff,
    verify_admission,
)
from meetingroom.services.pledges import (
    has_valid_pledge,
    read_scan,
    sign_pledge,
    upload_pledge,
    withdraw_pledge,
)
from meetingroom.services.recordings import hand_over_recordings

__all__ = [
    "EntryRefused",
    "admit_subvenue",
    "admit_visitor",
    "approve_visit",
    "cancel_meeting",
    "cancel_visit",
    "confirm_admission",
    "deposit_devices",
    "entry_refusal",
    "file_visit",
    "give_back_devices",
    "hand_over_recordings",
    "has_valid_pledge",
    "inside",
    "lockdown_meeting",
    "log_entry",
    "log_exit",
    "open_admission",
    "open_notice_attachment",
    "read_scan",
    "record_notice",
    "refuse_admission",
    "register_subvenue",
    "reject_visit",
    "schedule_meeting",
    "set_meeting_staff",
    "sign_pledge",
    "upload_pledge",
    "verify_admission",
    "withdraw_pledge",
]
