"""What is waiting for a person in the duties app, counted in a fixed number of queries:
for the overview page and the home page's panel."""

from django.db.models import Count, Q
from django.utils import timezone

from duties.choices import (
    OPEN_TASK_STATES,
    ClientRequestStatus,
    CustodyStatus,
    DocumentStatus,
    ReceiptStatus,
    ReportKind,
    VPRequestStatus,
)
from duties.models import (
    ChecklistTemplate,
    ClientRequest,
    Custody,
    DailyChecklist,
    PostDuty,
    Receipt,
    Task,
    VPRequest,
    WorkReport,
)
from duties.permissions import supervised
from duties.services.reports import week_start
from onsite.choices import Role
from onsite.models import Site
from onsite.permissions import assigned_site_ids, has_role, visible


def post_duties(user, site_ids):
    """The duties of the person's post at today's sites (and at every site)."""
    profile = getattr(user, "profile", None)
    if profile is None or not profile.post:
        return []
    return list(
        visible(user, PostDuty)
        .filter(Q(site__isnull=True) | Q(site_id__in=site_ids), post=profile.post)
        .select_related("site")
    )


def _mine(user, today):
    receipts = Receipt.objects.filter(
        recipient=user, document__status=DocumentStatus.SENT
    ).aggregate(
        to_sign=Count("pk", filter=Q(status=ReceiptStatus.SENT)),
        to_answer=Count("pk", filter=Q(status=ReceiptStatus.SIGNED)),
    )
    tasks = Task.objects.filter(assignee=user, status__in=OPEN_TASK_STATES).aggregate(
        open=Count("pk"), overdue=Count("pk", filter=Q(due_date__lt=today))
    )
    reported = WorkReport.objects.filter(
        Q(kind=ReportKind.DAILY, period_start=today)
        | Q(kind=ReportKind.WEEKLY, period_start=week_start(today)),
        author=user,
    ).exists()
    held = Custody.objects.filter(holder=user, status=CustodyStatus.HANDED_OVER).count()
    return {
        "to_sign": receipts["to_sign"],
        "to_answer": receipts["to_answer"],
        "open_tasks": tasks["open"],
        "overdue_tasks": tasks["overdue"],
        "reported_today": reported,
        "held": held,
    }


def _checklists_due(user, site_ids, today):
    with_template = set(
        ChecklistTemplate.objects.filter(site_id__in=site_ids).values_list("site_id", flat=True)
    )
    done = set(
        DailyChecklist.objects.filter(user=user, date=today).values_list("site_id", flat=True)
    )
    return len(with_template - done)


def _to_handle(user):
    departments = supervised(user)
    handle = {"escalations": 0, "statements": 0, "replies": 0, "decisions": 0}
    if departments:
        people = Q(logged_by__profile__department_id__in=departments)
        handle["escalations"] = ClientRequest.objects.filter(
            people, status=ClientRequestStatus.ESCALATED
        ).count()
        handle["statements"] = (
            VPRequest.objects.filter(
                applicant__profile__department_id__in=departments,
                status=VPRequestStatus.SUBMITTED,
            )
            .exclude(applicant=user)
            .count()
        )
    handle["replies"] = Receipt.objects.filter(
        document__sender=user, status=ReceiptStatus.OBJECTED
    ).count()
    if has_role(user, Role.VP):
        handle["decisions"] = VPRequest.objects.filter(status=VPRequestStatus.STATED).count()
    return handle


WAITING = (
    "to_sign",
    "to_answer",
    "open_tasks",
    "checklists_due",
    "escalations",
    "statements",
    "replies",
    "decisions",
)


def for_person(user, today=None):
    """Everything the overview and the home panel show, for ``user`` on ``today``."""
    today = today or timezone.localdate()
    site_ids = sorted(assigned_site_ids(user, today))
    found = {
        "today": today,
        "sites": list(Site.objects.filter(pk__in=site_ids)),
        "duties": post_duties(user, site_ids),
        "checklists_due": _checklists_due(user, site_ids, today) if site_ids else 0,
        "staff": has_role(user, Role.STAFF),
        **_mine(user, today),
        **_to_handle(user),
    }
    found["waiting"] = any(found[key] for key in WAITING)
    return found
