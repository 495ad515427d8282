"""Demo data of the duties app: post duties, the sites' checklists and agreement, a document
to sign, tasks, an authorisation and a client request, property in custody, a VP request,
training. Idempotent: creates what is missing, never changes what exists."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from duties.choices import (
    ClientRequestStatus,
    CustodyStatus,
    ReceiptStatus,
    RequestCategory,
    SignatureMoment,
    SignatureSide,
    TaskStatus,
)
from duties.models import (
    AgreementVersion,
    Authorisation,
    ChecklistTemplate,
    ClientRequest,
    CompanyDocument,
    Custody,
    CustodySignature,
    PostDuty,
    PropertyItem,
    Receipt,
    Task,
    Training,
    TrainingRecord,
    VPRequest,
    WorkReport,
)
from onsite.choices import SignatureMethod

POST_DUTIES = [
    # post, site code (None: every site), duties
    (
        "音视频工程师",
        None,
        "遵守驻场单位规章制度与保密规定\n按要求汇报工作进度及成果\n保持通讯畅通",
    ),
    (
        "音视频工程师",
        "SC",
        "会前一小时完成扩声、投影、录音录像系统调试\n会中值守音控机房，及时排除故障\n"
        "会后关闭设备、恢复会场环境并登记使用情况",
    ),
    ("网络工程师", None, "负责计算机及网络设备的软硬件维护\n定期备份服务器配置与数据"),
]
CHECKLISTS = {
    "SC": (
        "清扫音控机房与操作台\n开启并检查扩声系统\n检查投影与显示屏\n"
        "确认无线话筒电量\n检查录音录像设备"
    ),
    "GA": "清扫办公区\n检查网络与服务器运行状态\n检查大厅显示屏",
}


def _post_duties(demo):
    for post, site_code, text in POST_DUTIES:
        site = demo.sites[site_code] if site_code else None
        PostDuty.objects.get_or_create(
            post=post, site=site, defaults={"duties": text, "updated_by": demo.users["wangfang"]}
        )


def _site_papers(demo):
    hr = demo.users["wangfang"]
    for code, items in CHECKLISTS.items():
        ChecklistTemplate.objects.get_or_create(
            site=demo.sites[code], defaults={"items": items, "updated_by": hr}
        )
    AgreementVersion.objects.get_or_create(
        site=demo.sites["SC"],
        number=1,
        defaults={
            "contract_no": "HT-2026-018",
            "valid_from": date(2026, 1, 1),
            "valid_to": date(2026, 12, 31),
            "work_plan": (
                "每日会前巡检会议室与音控机房；每周保养扩声与录音录像系统；每月提交设备运行报告。"
            ),
            "service_terms": "工作日 8:30–17:30 驻场；重大会议全程保障；设备故障登记与跟进。",
            "response_times": "会中故障 5 分钟内到场；一般故障 2 小时内处理；重大故障当日报告。",
            "classification": 1,
            "created_by": hr,
        },
    )


def _document(demo):
    hr, users = demo.users["wangfang"], demo.users
    document, created = CompanyDocument.objects.get_or_create(
        title="关于做好重要会议保障工作的通知",
        sender=hr,
        defaults={
            "body": "各驻场人员须于会前一小时到岗，完成设备调试并填写班前检查表。",
            "classification": 1,
            "deadline": timezone.now() + timedelta(days=3),
        },
    )
    if created:
        document.departments.add(users["zhangwei"].profile.department)
        document.sites.add(demo.sites["SC"])
    Receipt.objects.get_or_create(document=document, recipient=users["zhangwei"])
    Receipt.objects.get_or_create(
        document=document,
        recipient=users["lina"],
        defaults={
            "status": ReceiptStatus.ACCEPTED,
            "signed_at": timezone.now(),
            "answered_at": timezone.now(),
        },
    )


def _work(demo):
    users, today = demo.users, timezone.localdate()
    staff, supervisor = users["zhangwei"], users["lina"]
    Task.objects.get_or_create(
        title="更换第一会议室无线话筒电池",
        assignee=staff,
        defaults={
            "assigned_by": supervisor,
            "site": demo.sites["SC"],
            "due_date": today + timedelta(days=2),
            "priority": "high",
        },
    )
    Task.objects.get_or_create(
        title="整理音控机房线缆",
        assignee=staff,
        defaults={
            "assigned_by": supervisor,
            "site": demo.sites["SC"],
            "due_date": today + timedelta(days=5),
            "status": TaskStatus.IN_PROGRESS,
            "progress": 40,
            "progress_note": "已完成主控台一侧",
        },
    )
    WorkReport.objects.get_or_create(
        author=staff,
        kind="daily",
        period_start=today - timedelta(days=1),
        defaults={
            "site": demo.sites["SC"],
            "work_done": "完成第一会议室会前调试与会中保障。",
            "problems": "二号无线话筒电池电量不足。",
            "next_steps": "更换电池并检查备用话筒。",
        },
    )


def _authorised_work(demo):
    staff, supervisor = demo.users["zhangwei"], demo.users["lina"]
    Authorisation.objects.get_or_create(
        holder=staff,
        reference="SQ-2026-003",
        defaults={
            "site": demo.sites["SC"],
            "scope": "会议设备的日常维修、调试与会议保障",
            "categories": ",".join(
                [RequestCategory.FAULT, RequestCategory.MEETING, RequestCategory.CONFIGURATION]
            ),
            "valid_from": date(2026, 1, 1),
            "valid_to": date(2026, 12, 31),
            "issued_by": supervisor,
        },
    )
    ClientRequest.objects.get_or_create(
        logged_by=staff,
        asked_by="会务处王处长",
        category=RequestCategory.PURCHASE,
        defaults={
            "site": demo.sites["SC"],
            "asked_at": timezone.now() - timedelta(hours=3),
            "description": "希望采购两只新的无线话筒并报价。",
            "status": ClientRequestStatus.ESCALATED,
            "escalated_by": staff,
            "escalated_at": timezone.now() - timedelta(hours=2),
            "escalation_note": "超出书面授权范围，请主管决定。",
        },
    )


def _property(demo):
    hr, staff = demo.users["wangfang"], demo.users["zhangwei"]
    laptop, _created = PropertyItem.objects.get_or_create(
        asset_no="NB-0001",
        defaults={"name": "ThinkPad 笔记本电脑", "kind": "laptop", "registered_by": hr},
    )
    PropertyItem.objects.get_or_create(
        asset_no="TK-0001", defaults={"name": "音频工具箱", "kind": "toolkit", "registered_by": hr}
    )
    if not Custody.objects.filter(item=laptop).exists():
        custody = Custody.objects.create(
            item=laptop,
            holder=staff,
            status=CustodyStatus.HANDED_OVER,
            handed_over_by=hr,
            handed_over_at=timezone.now() - timedelta(days=30),
            condition_out="good",
            note_out="含电源适配器",
        )
        for side, signer in ((SignatureSide.TAKING, staff), (SignatureSide.GIVING, hr)):
            CustodySignature.objects.create(
                custody=custody,
                moment=SignatureMoment.HAND_OVER,
                side=side,
                signer=signer,
                method=SignatureMethod.PASSWORD,
                signed_at=custody.handed_over_at,
            )


def _requests_and_training(demo):
    users = demo.users
    staff, hr = users["zhangwei"], users["wangfang"]
    VPRequest.objects.get_or_create(
        applicant=staff,
        title="提高驻场通讯补贴",
        defaults={
            "explanation": "重大会议期间需频繁与甲方、公司联络，现有标准不足。",
            "current_amount": Decimal("100"),
            "requested_amount": Decimal("200"),
        },
    )
    training, created = Training.objects.get_or_create(
        title="数字会议系统操作培训",
        organiser=hr,
        defaults={
            "topic": "同声传译、表决与发言管理",
            "site": demo.sites["SC"],
            "starts_at": timezone.now() + timedelta(days=7),
            "hours": Decimal("3"),
            "place": "公司培训室",
            "trainer": "厂家工程师",
        },
    )
    if created:
        training.attendees.add(staff, users["zhouqiang"])
    TrainingRecord.objects.get_or_create(
        user=staff,
        topic="保密知识培训",
        defaults={"date": date(2026, 1, 15), "hours": Decimal("2"), "added_by": hr},
    )


def load(demo):
    _post_duties(demo)
    _site_papers(demo)
    _document(demo)
    _work(demo)
    _authorised_work(demo)
    _property(demo)
    _requests_and_training(demo)
