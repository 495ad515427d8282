"""The duties app at scale (``manage.py seed_scale``; see ``onsite.scale``).

Two company documents a month for a year sent to every staff member, with their receipts
(the old ones answered, the last ones in every state: 12,000 at 500 staff), two tasks per
staff member in every state, daily reports of the last 20 working days from two in three
staff members (some commented), and each site's checklist.
"""

from datetime import datetime, timedelta
from datetime import time as clock

from django.urls import reverse
from django.utils import timezone

from duties.choices import ReceiptStatus, ReportStatus, TaskPriority, TaskStatus
from duties.models import ChecklistTemplate, CompanyDocument, Receipt, Task, WorkReport

BATCH = 2000
DOCUMENTS, TASKS_PER_STAFF, REPORT_DAYS = 24, 2, 20
RECEIPT_MIX = [ReceiptStatus.SENT, ReceiptStatus.SIGNED, ReceiptStatus.ACCEPTED] * 3 + [
    ReceiptStatus.OBJECTED,
    ReceiptStatus.REPLIED,
    ReceiptStatus.DEEMED,
]


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, clock(hour, minute)))


def seed(scale):
    hr = scale.people["hr"]
    ChecklistTemplate.objects.bulk_create(
        ChecklistTemplate(site=site, items="清扫\n开机检查\n音视频测试", updated_by=hr)
        for site in scale.sites
    )
    documents = CompanyDocument.objects.bulk_create(
        CompanyDocument(
            title=f"关于做好第{d + 1}批重要会议保障工作的通知",
            body="各驻场人员须于会前一小时到岗。",
            sender=hr,
            sent_at=at(scale.end - timedelta(days=15 * (DOCUMENTS - 1 - d)), 9),
            deadline=at(scale.end - timedelta(days=15 * (DOCUMENTS - 1 - d) - 3), 18),
        )
        for d in range(DOCUMENTS)
    )
    receipts = Receipt.objects.bulk_create(
        (
            _receipt(d, doc, n, user)
            for d, doc in enumerate(documents)
            for n, user in scale.users.items()
        ),
        batch_size=BATCH,
    )
    tasks = Task.objects.bulk_create(
        (
            _task(scale, n * TASKS_PER_STAFF + j, n, user)
            for n, user in scale.users.items()
            for j in range(TASKS_PER_STAFF)
        ),
        batch_size=BATCH,
    )
    reports = WorkReport.objects.bulk_create(_reports(scale), batch_size=BATCH)
    return {
        "documents": len(documents),
        "receipts": len(receipts),
        "tasks": len(tasks),
        "reports": len(reports),
    }


def _receipt(d, document, n, user):
    """Old documents answered; the last two in the mix of every state."""
    if d < DOCUMENTS - 2:
        status = ReceiptStatus.DEEMED if n % 7 == 0 else ReceiptStatus.ACCEPTED
    else:
        status = RECEIPT_MIX[(n + d) % len(RECEIPT_MIX)]
    answered = status not in (ReceiptStatus.SENT, ReceiptStatus.SIGNED, ReceiptStatus.DEEMED)
    return Receipt(
        document=document,
        recipient=user,
        status=status,
        signed_at=None if status == ReceiptStatus.SENT else document.sent_at + timedelta(hours=2),
        answered_at=document.sent_at + timedelta(hours=5) if answered else None,
        explanation="人手不足" if status in (ReceiptStatus.OBJECTED, ReceiptStatus.REPLIED) else "",
        reply="同意调整" if status == ReceiptStatus.REPLIED else "",
        deemed_at=document.deadline if status == ReceiptStatus.DEEMED else None,
    )


def _task(scale, t, n, user):
    states = list(TaskStatus)
    status = states[t % len(states)]
    progress = {TaskStatus.IN_PROGRESS: 50, TaskStatus.DONE: 100}.get(status, 0)
    return Task(
        title=f"设备巡检整改{t + 1}",
        detail="检查并整改会议室音视频设备。",
        site=scale.site_of(n),
        due_date=scale.end + timedelta(days=t % 30 - 10),
        priority=list(TaskPriority)[t % len(TaskPriority)],
        assignee=user,
        assigned_by=scale.supervisor_of(n),
        status=status,
        progress=progress,
        result="已完成" if status == TaskStatus.DONE else "",
    )


def _reports(scale):
    days, day = [], scale.end
    while len(days) < REPORT_DAYS:
        if day.isoweekday() <= 5:
            days.append(day)
        day -= timedelta(days=1)
    for n, user in scale.users.items():
        if n % 3 == 2:
            continue
        for i, day in enumerate(days):
            commented = (n + i) % 4 == 0
            yield WorkReport(
                author=user,
                period_start=day,
                site=scale.site_of(n),
                work_done="会议保障，设备巡检",
                status=ReportStatus.COMMENTED if commented else ReportStatus.SUBMITTED,
                supervisor_comment="收到" if commented else "",
            )


def pages(scale):
    """The staff member's documents, tasks and checklist; the supervisor's team reports and
    missing reports; HR's sent documents and the last document's receipts."""
    last = CompanyDocument.objects.order_by("-sent_at").first()
    day = {"date": scale.end.isoformat()}
    query = f"?date={day['date']}"
    return [
        ("duties: overview", "staff", reverse("duties:overview")),
        ("duties: my documents", "staff", reverse("duties:document_list")),
        ("duties: my tasks", "staff", reverse("duties:task_list")),
        ("duties: today's checklist", "staff", reverse("duties:checklist_today")),
        ("duties: team reports", "supervisor", reverse("duties:report_team")),
        ("duties: missing reports", "supervisor", reverse("duties:report_missing") + query),
        ("duties: checklists per day", "supervisor", reverse("duties:checklist_overview") + query),
        ("duties: sent documents", "hr", reverse("duties:document_sent")),
        ("duties: receipts", "hr", reverse("duties:document_receipts", args=[last.pk])),
    ]


def forgetting_pages(scale):
    """The pages that remember each person's derived day (``attendance.memory``, through
    ``duties.expected.days_on``), to be measured with it forgotten before each request: the
    first view after every write."""
    from attendance import memory

    remembering = ("duties: missing reports", "duties: checklists per day")
    return [(*page, memory.forget) for page in pages(scale) if page[0] in remembering]


def exports(scale):
    """The last document's receipts, as Excel."""
    last = CompanyDocument.objects.order_by("-sent_at").first()
    return [
        (
            "duties: receipts, Excel",
            "hr",
            "duties.receipts",
            {"fmt": "xlsx", "params": {"document": last.pk}},
        )
    ]
