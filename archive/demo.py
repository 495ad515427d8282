"""Demo data of the archive: a few items, a grant and a loan history. Idempotent."""

from datetime import date, timedelta

from django.utils import timezone

from archive.choices import Medium
from archive.models import Collection, CollectionAccess, Copy, Item, Loan

ITEMS = [
    # title, meeting, date, classification, medium, location, copies
    (
        "2026年第一季度工作会议录像",
        "第一季度工作会议",
        date(2026, 3, 28),
        1,
        Medium.DISC,
        "A-01",
        2,
    ),
    ("市政府常务会议录音", "市政府常务会议", date(2026, 5, 12), 2, Medium.DRIVE, "A-02", 1),
    ("重大项目评审会录像", "重大项目评审会", date(2026, 7, 3), 3, Medium.TAPE, "保密柜-1", 1),
    ("新闻发布会公开录像", "新闻发布会", date(2026, 9, 1), 0, Medium.DIGITAL, "A-01", 1),
]


def load(demo):
    users = demo.users
    collection, _created = Collection.objects.get_or_create(
        code="SC-AV", defaults={"name": "市会议中心会议录音录像", "site": demo.sites["SC"]}
    )
    collection.custodians.add(users["zhaolei"])
    collection.leaders.add(users["sunli"])
    demo.collection = collection
    custodian = users["zhaolei"]
    for title, meeting, day, level, medium, location, copies in ITEMS:
        item, created = Item.objects.get_or_create(
            collection=collection,
            title=title,
            defaults={
                "meeting": meeting,
                "event_date": day,
                "classification": level,
                "medium": medium,
                "location": location,
                "custodian": custodian,
                "registered_by": custodian,
                "retention_until": day + timedelta(days=3650),
            },
        )
        for number in range(1, copies + 1):
            Copy.objects.get_or_create(
                item=item, number=number, defaults={"code": Copy.make_code(item, number)}
            )
    # 张伟 may see the collection up to 秘密 (level 2); 李娜 up to 内部.
    CollectionAccess.objects.get_or_create(
        user=users["zhangwei"], collection=collection, defaults={"clearance": 2}
    )
    CollectionAccess.objects.get_or_create(
        user=users["lina"], collection=collection, defaults={"clearance": 1}
    )
    # 张伟 has asked to borrow the first recording; the leader 孙丽 has it in her queue.
    first = Item.objects.get(collection=collection, title=ITEMS[0][0])
    today = timezone.localdate()
    if not Loan.objects.filter(item=first, borrower=users["zhangwei"]).exists():
        Loan.objects.create(
            item=first,
            borrower=users["zhangwei"],
            purpose="整理第一季度工作会议纪要",
            needed_from=today,
            return_by=today + timedelta(days=7),
        )
