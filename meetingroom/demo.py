"""Demo data of the meeting rooms: the control room's registry, meetings, pledges, a visit
waiting for the leader and someone inside. Idempotent: only creates what is missing."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from meetingroom.choices import EntryStatus, PledgeMethod
from meetingroom.models import (
    AccessEntry,
    DeniedAttempt,
    Meeting,
    MeetingNotice,
    Pledge,
    SubVenue,
    VenueSettings,
    Visit,
)
from meetingroom.pledge_text import PLEDGE_TEXT, PLEDGE_VERSION
from onsite.names import display_name

SUBVENUES = [
    ("城东区分会场", "城东区人民政府", "刘主任 13800001111", "EP-CD-001"),
    ("城西区分会场", "城西区人民政府", "何主任 13800002222", "EP-CX-002"),
    ("开发区分会场", "经济开发区管委会", "宋科长 13800003333", "EP-KF-003"),
]


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def load(demo):
    users, venues = demo.users, demo.venues
    room = venues["一号音控机房"]
    manager, staff = users["chenjing"], users["zhangwei"]
    today = timezone.localdate()
    VenueSettings.objects.get_or_create(
        venue=room, defaults={"collection": getattr(demo, "collection", None)}
    )
    subs = [
        SubVenue.objects.get_or_create(
            venue=room,
            endpoint=endpoint,
            defaults={"name": name, "organisation": org, "contact": contact},
        )[0]
        for name, org, contact, endpoint in SUBVENUES
    ]
    for person in (manager, staff):
        if not Pledge.objects.filter(person=person).exists():
            Pledge.objects.create(
                person=person,
                version=PLEDGE_VERSION,
                text=str(PLEDGE_TEXT),
                method=PledgeMethod.PASSWORD,
                signed_on=today - timedelta(days=30),
                valid_until=today + timedelta(days=335),
                recorded_by=person,
            )
    _meetings(room, manager, staff, subs, today)
    _visit_and_people_inside(room, manager, staff, today)


def _visit_and_people_inside(room, manager, staff, today):
    """A visit waiting for the leader, 张伟 inside since the morning, one refusal."""
    visitor = "王工程师"
    if not Visit.objects.filter(venue=room, visitor_name=visitor).exists():
        Visit.objects.create(
            venue=room,
            visitor_name=visitor,
            organisation="音响设备厂商",
            id_tail="4821",
            purpose="调音台固件升级",
            expected_from=_at(today + timedelta(days=1), 14),
            expected_until=_at(today + timedelta(days=1), 17),
            supervisor=manager,
            filed_by=staff,
        )
    if not AccessEntry.objects.filter(venue=room, person=staff).exists():
        AccessEntry.objects.create(
            venue=room,
            person=staff,
            name=display_name(staff),
            organisation="驻场服务",
            purpose="会前设备调试",
            entered_at=min(timezone.now(), _at(today, 8, 30)),
            status=EntryStatus.INSIDE,
            logged_by=staff,
        )
    if not DeniedAttempt.objects.filter(venue=room).exists():
        DeniedAttempt.objects.create(
            venue=room,
            name="赵某",
            organisation="某公司",
            reason="unapproved",
            message="赵某没有经批准的来访：请先登记来访，由主管领导批准。",
            attempted_at=timezone.now() - timedelta(days=1),
            logged_by=staff,
        )


def _meetings(room, manager, staff, subs, today):
    plans = [
        ("全市保密工作会议", today + timedelta(days=1), 9, 3, 2, False),
        ("第一季度工作例会", today, 15, 2, 0, False),
        ("重大项目评审会", today - timedelta(days=3), 9, 2, 2, False),
    ]
    for title, day, hour, hours, level, important in plans:
        if Meeting.objects.filter(venue=room, title=title).exists():
            continue
        meeting = Meeting.objects.create(
            venue=room,
            title=title,
            starts_at=_at(day, hour),
            ends_at=_at(day, hour + hours),
            classification=level,
            important=important,
            organiser="市委办公厅",
            created_by=manager,
        )
        meeting.staff.set([staff])
        if level:
            notice = MeetingNotice.objects.create(
                meeting=meeting,
                number=f"会电〔{day.year}〕{meeting.pk}号",
                issuer="市委办公厅",
                issued_on=day - timedelta(days=2),
                recorded_by=manager,
            )
            notice.authorised.set(subs[:2])
