"""How to queue each export kind of the meeting-room app (tests/test_export_kinds.py)."""

from datetime import date


def _period(fmt):
    return lambda cast: (
        cast.manager,
        {
            "fmt": fmt,
            "venue": cast.venue,
            "date_from": date(2026, 11, 1),
            "date_to": date(2026, 11, 30),
        },
    )


KINDS = {"meetingroom.access_log": _period("pdf"), "meetingroom.denials": _period("xlsx")}
