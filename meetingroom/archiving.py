"""The one place the meeting rooms call the archive's ``register_item`` (its signature may
change; only this module follows it)."""

from archive.services import register_item


def register_recording(custodian, collection, *, meeting, title, medium, location, copies):
    """Register one recording of ``meeting`` as an archive item kept by ``custodian``."""
    return register_item(
        custodian,
        collection,
        copies=copies,
        title=title,
        meeting=meeting.title[:200],
        event_date=meeting.starts_at.date(),
        classification=meeting.classification,
        medium=medium,
        location=location,
        custodian=custodian,
    )
