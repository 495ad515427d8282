"""Exports of the access log and denied attempts (PDF, Excel; owner only), the iCal feed
parsed back, the day and week calendar."""

import io
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from openpyxl import load_workbook
from pypdf import PdfReader

from meetingroom.exports import queue_export
from meetingroom.models import AccessLogExport, DeniedAttempt
from onsite import exports
from tests.meetingroom import factories as f


def _make(cast, kind, fmt):
    today = timezone.localdate()
    export = queue_export(
        cast.manager, venue=cast.venue, kind=kind, fmt=fmt, date_from=today, date_to=today
    )
    assert exports.run(AccessLogExport._meta.label, export.pk)
    export.refresh_from_db()
    return export


def test_the_access_log_exports_as_pdf_with_chinese_names(cast, login):
    f.make_entry(cast.venue, cast.staff, cast.manager)
    export = _make(cast, "access_log", "pdf")
    assert export.rows == 1
    url = reverse("meetingroom:export_download", args=[export.token])
    got = login(cast.manager).get(url)
    text = "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(b"".join(got.streaming_content))).pages
    )
    assert "张伟" in text
    assert login(cast.staff).get(url).status_code == 404


def test_denied_attempts_export_as_excel(cast):
    DeniedAttempt.objects.create(
        venue=cast.venue,
        name="路人甲",
        reason="unapproved",
        message="没有经批准的来访",
        attempted_at=timezone.now(),
        logged_by=cast.staff,
    )
    export = _make(cast, "denials", "xlsx")
    with export.file.open("rb") as handle:
        sheet = load_workbook(io.BytesIO(handle.read())).active
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["路人甲"]


def test_the_export_page_queues_for_managers_only(cast, login):
    today = timezone.localdate().isoformat()
    data = {
        "venue": cast.venue.pk,
        "kind": "access_log",
        "fmt": "xlsx",
        "date_from": today,
        "date_to": today,
    }
    assert login(cast.manager).post(reverse("meetingroom:export_list"), data).status_code == 302
    assert AccessLogExport.objects.filter(requested_by=cast.manager).count() == 1
    assert login(cast.staff).post(reverse("meetingroom:export_list"), data).status_code == 403


def test_the_ical_feed_parses_back_with_every_meeting(cast, login):
    first = f.make_meeting(cast.venue, cast.manager, title="全市保密工作会议", classification=2)
    f.make_meeting(
        cast.venue, cast.manager, title="例会", start=first.starts_at + timedelta(days=1)
    )
    got = login(cast.staff).get(reverse("meetingroom:venue_ical", args=[cast.venue.pk]))
    assert got["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(got.content).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == ["全市保密工作会议", "例会"]
    assert events[0].decoded("dtstart") == first.starts_at.replace(microsecond=0)
    assert str(events[0]["uid"]) == f"meeting-{first.pk}@onsite"


def test_the_week_calendar_shows_the_meetings_of_the_week(cast, login):
    meeting = f.make_meeting(cast.venue, cast.manager, title="周三例会")
    day = timezone.localdate(meeting.starts_at).isoformat()
    page = login(cast.staff).get(
        reverse("meetingroom:calendar", args=[cast.venue.pk]), {"day": day, "span": "week"}
    )
    assert "周三例会" in page.content.decode()
    page = login(cast.staff).get(
        reverse("meetingroom:calendar", args=[cast.venue.pk]), {"day": day, "span": "day"}
    )
    assert f'data-testid="day-{day}"' in page.content.decode()
