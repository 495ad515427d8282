"""Demo data of the archive: a few items, grants, a loan request, a stored file with a
digital loan request, and a single-item grant. Idempotent."""

import hashlib
from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from archive.choices import LoanKind, Medium
from archive.models import Collection, CollectionAccess, Copy, Item, ItemFile, ItemGrant, Loan

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
    _first_loan(users, collection)
    _digital_demo(users, collection)


def _first_loan(users, collection):
    """张伟 has asked to borrow the first recording; the leader 孙丽 has it in her queue."""
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


def _digital_demo(users, collection):
    """The 秘密 recording has a stored file: 张伟 asks to open it (孙丽 decides); 李娜 (cleared
    up to 内部) may see it for a week through a single-item grant."""
    from archive.services.grants import view_item_permission

    item = Item.objects.get(collection=collection, title=ITEMS[1][0])
    custodian = users["zhaolei"]
    if not item.files.exists():
        content = "市政府常务会议录音（演示文件）".encode() * 64
        stored = ItemFile(
            item=item,
            original_name="常务会议录音.mp3",
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            uploaded_by=custodian,
            verified_at=timezone.now(),
            last_check="intact",
        )
        stored.file.save("demo.mp3", ContentFile(content), save=False)
        stored.save()
    borrower = users["zhangwei"]
    if not Loan.objects.filter(item=item, borrower=borrower, kind=LoanKind.DIGITAL).exists():
        today = timezone.localdate()
        Loan.objects.create(
            item=item,
            borrower=borrower,
            kind=LoanKind.DIGITAL,
            purpose="核对常务会议纪要中的发言",
            needed_from=today,
            return_by=today + timedelta(days=7),
            access_days=7,
        )
    now = timezone.now()
    ItemGrant.objects.get_or_create(
        user=users["lina"],
        content_object=item,
        permission=view_item_permission(),
        defaults={
            "reason": "配合年度保密检查，核对会议录音登记",
            "starts_at": now,
            "ends_at": now + timedelta(days=7),
            "granted_by": users["sunli"],
        },
    )
