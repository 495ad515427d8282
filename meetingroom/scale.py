"""Meeting venues and control rooms at scale (``manage.py seed_scale``; see
``onsite.scale``).

A year of each control room's access log (40 entries per staff member over the five rooms,
20,000 at 500 staff; one in ten a visitor; a few people inside now), a pledge per staff
member, visits in every state, and two meetings per staff member over the ten venues.
"""

from datetime import datetime, timedelta
from datetime import time as clock

from django.urls import reverse
from django.utils import timezone

from meetingroom.choices import EntryStatus, MeetingStatus, PledgeMethod, PledgeStatus, VisitStatus
from meetingroom.models import AccessEntry, Meeting, Pledge, Visit

BATCH = 2000
ENTRIES_PER_STAFF, MEETINGS_PER_STAFF, VISITS_PER_STAFF = 40, 2, 0.2
INSIDE = 5  # per room


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, clock(hour, minute)))


def seed(scale):
    manager, leader = scale.people["manager"], scale.people["leader"]
    rooms = scale.control_rooms()
    entries = _entries(scale, rooms, manager)
    meetings = Meeting.objects.bulk_create(
        (_meeting(scale, n, manager) for n in range(scale.staff * MEETINGS_PER_STAFF)),
        batch_size=BATCH,
    )
    Pledge.objects.bulk_create(
        (
            Pledge(
                person=user,
                version="2026",
                text="本人承诺遵守保密规定。",
                method=PledgeMethod.PASSWORD,
                signed_on=scale.end - timedelta(days=n % 300),
                valid_until=scale.end + timedelta(days=365 - n % 300),
                status=PledgeStatus.SIGNED,
                recorded_by=manager,
            )
            for n, user in scale.users.items()
        ),
        batch_size=BATCH,
    )
    visits = Visit.objects.bulk_create(
        (
            _visit(scale, n, rooms, manager, leader)
            for n in range(int(scale.staff * VISITS_PER_STAFF) + 1)
        ),
        batch_size=BATCH,
    )
    return {"access-log entries": entries, "meetings": len(meetings), "visits": len(visits)}


def _entries(scale, rooms, manager):
    """Closed entries back in time from now, INSIDE people in each room now."""
    now, rows = timezone.now(), []
    total = scale.staff * ENTRIES_PER_STAFF
    inside = set()
    for e in range(total):
        n = e % scale.staff
        user, room = scale.users[n], rooms[e % len(rooms)]
        visitor = e % 10 == 0
        now_inside = e < INSIDE * len(rooms) and not visitor and n not in inside
        if now_inside:
            inside.add(n)
        entered = (
            now - timedelta(minutes=30 + e) if now_inside else now - timedelta(hours=2 + e // 3)
        )
        rows.append(
            AccessEntry(
                venue=room,
                person=None if visitor else user,
                name="来访人员" if visitor else scale.name(user),
                organisation="设备厂商" if visitor else "驻场服务",
                purpose="检修" if visitor else "会议保障",
                supervisor=manager,
                entered_at=entered,
                exited_at=None if now_inside else entered + timedelta(minutes=45),
                status=EntryStatus.INSIDE if now_inside else EntryStatus.LEFT,
                logged_by=manager,
                exit_logged_by=None if now_inside else manager,
            )
        )
    AccessEntry.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def _meeting(scale, n, manager):
    venues = [v for _key, v in sorted(scale.venues.items())]
    day = scale.end + timedelta(days=14) - timedelta(days=n // len(venues) % 380)
    start = at(day, 9 + n % 8)
    return Meeting(
        venue=venues[n % len(venues)],
        title=f"第{n + 1}次工作会议",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        classification=n % 3,
        important=n % 7 == 0,
        organiser="市政府办公室",
        status=MeetingStatus.CANCELLED if n % 19 == 0 else MeetingStatus.SCHEDULED,
        created_by=manager,
    )


def _visit(scale, n, rooms, manager, leader):
    states = list(VisitStatus)
    status = states[n % len(states)]
    start = at(scale.end - timedelta(days=n % 200), 10)
    decided = status not in (VisitStatus.FILED, VisitStatus.ADMITTED)
    return Visit(
        venue=rooms[n % len(rooms)],
        visitor_name=f"访客{n + 1}",
        organisation="设备厂商",
        id_tail=f"{n % 10000:04d}",
        purpose="设备检修",
        expected_from=start,
        expected_until=start + timedelta(hours=3),
        supervisor=manager,
        status=status,
        filed_by=manager,
        exception_reason="紧急抢修" if status == VisitStatus.ADMITTED else "",
        decided_by=leader if decided else None,
        decided_at=start - timedelta(days=1) if decided else None,
    )


def pages(scale):
    """The control room's daily pages as its manager; the visits as the leader."""
    room = scale.control_rooms()[0].pk
    return [
        ("meetingroom: venues", "manager", reverse("meetingroom:index")),
        (
            "meetingroom: venue (who is inside)",
            "manager",
            reverse("meetingroom:venue_detail", args=[room]),
        ),
        ("meetingroom: door panel", "manager", reverse("meetingroom:door_panel", args=[room])),
        ("meetingroom: access log", "manager", reverse("meetingroom:access_log", args=[room])),
        ("meetingroom: meetings", "manager", reverse("meetingroom:calendar", args=[room])),
        ("meetingroom: visits", "leader", reverse("meetingroom:visit_list", args=[room])),
        ("meetingroom: pledges", "staff", reverse("meetingroom:pledge_list")),
    ]


def exports(scale):
    """A month of one room's access log, as PDF."""
    year, month = scale.measured_month()
    first = scale.end.replace(year=year, month=month, day=1)
    last = scale.end.replace(day=1) - timedelta(days=1)
    room = scale.control_rooms()[0]
    fields = {"venue": room, "date_from": first, "date_to": last}
    return [
        (
            "meetingroom: month's access log, PDF",
            "manager",
            "meetingroom.access_log",
            {"fmt": "pdf", **fields},
        )
    ]
