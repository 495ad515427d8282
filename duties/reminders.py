"""Reminder kinds of the duties app (the shared mechanism sends each once per period).

Each ``find_due(now)`` reads what is due in a fixed number of queries, however many items
are due: missing work reports and checklists (people expected at work, from the attendance
derivation), overdue tasks, document deadlines, expiring authorisations, trainings to come.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from duties.choices import (
    OPEN_TASK_STATES,
    SILENT_RECEIPT_STATES,
    AuthorisationStatus,
    DocumentStatus,
    TrainingStatus,
)
from duties.conf import conf
from duties.models import Authorisation, Receipt, Task, Training
from duties.services.checklists import completion
from duties.services.reports import missing_reports
from onsite.choices import Role
from onsite.names import display_name
from onsite.reminding import Due, register


def _local(now):
    return timezone.localtime(now)


def _past(now, clock):
    """Whether the local time of ``now`` has reached the time of day ``clock``."""
    local = _local(now)
    return local.time() >= clock


def stationed_staff(day):
    """Active on-site staff assigned to a site on ``day`` (one query)."""
    return (
        get_user_model()
        .objects.filter(
            Q(assignments__end_date__isnull=True) | Q(assignments__end_date__gte=day),
            is_active=True,
            groups__name=Role.STAFF,
            assignments__start_date__lte=day,
        )
        .distinct()
        .order_by("pk")
    )


@register("duties_report_missing", every_seconds=900, label=_("Work report missing"))
def reports_missing(now):
    """After the set time, everyone expected at work today without a report is reminded.

    Enforces R2.3-work-reports.
    """
    if not _past(now, conf.REPORT_DUE_TIME):
        return
    today = _local(now).date()
    for person, _day in missing_reports(stationed_staff(today), today, today=today):
        yield Due(
            obj=person,
            period=f"report-{today.isoformat()}",
            recipients=[person],
            title=_("Your work report of %(day)s is missing"),
            body=_("Write what you did, the problems and the next steps; it takes a minute."),
            url=reverse("duties:report_create"),
            params={"day": today.isoformat()},
        )


@register("duties_checklist_missing", every_seconds=900, label=_("Daily checklist missing"))
def checklists_missing(now):
    """After the set time, everyone expected at a site with a checklist who has not ticked it.

    Enforces R2.2-pre-shift-preparation.
    """
    if not _past(now, conf.CHECKLIST_DUE_TIME):
        return
    today = _local(now).date()
    for row in completion(stationed_staff(today), today, today=today):
        if row.missing:
            yield Due(
                obj=row.person,
                period=f"checklist-{today.isoformat()}",
                recipients=[row.person],
                title=_("Today's pre-shift checklist is not done yet"),
                body=_("Tick the checklist of your site before the shift."),
                url=reverse("duties:checklist_today"),
            )


@register("duties_task_overdue", every_seconds=3600, label=_("Task overdue"))
def tasks_overdue(now):
    """An open task past its due date: the assignee and the assigner, again every week.

    Enforces R2.1-supervisor-tasks.
    """
    today = _local(now).date()
    overdue = Task.objects.filter(status__in=OPEN_TASK_STATES, due_date__lt=today).select_related(
        "assignee", "assigned_by"
    )
    for task in overdue:
        late = (today - task.due_date).days
        yield Due(
            obj=task,
            period=f"overdue-{(late - 1) // conf.TASK_OVERDUE_REPEAT_DAYS}",
            recipients=[task.assignee, task.assigned_by],
            title=_("Task overdue: %(title)s (due %(date)s)"),
            body=_("%(name)s has not completed it yet."),
            url=task.get_absolute_url(),
            params={
                "title": task.title,
                "date": task.due_date.isoformat(),
                "name": display_name(task.assignee),
            },
        )


@register("duties_document_deadline", every_seconds=900, label=_("Document deadline near"))
def documents_due(now):
    """A document not yet answered whose deadline is near: the recipient, once a revision.

    Enforces R2.3-answer-documents.
    """
    soon = now + timedelta(hours=conf.DOCUMENT_NOTICE_HOURS)
    silent = Receipt.objects.filter(
        status__in=SILENT_RECEIPT_STATES,
        document__status=DocumentStatus.SENT,
        document__deadline__gt=now,
        document__deadline__lte=soon,
    ).select_related("document", "recipient")
    for receipt in silent:
        document = receipt.document
        yield Due(
            obj=receipt,
            period=f"deadline-r{receipt.revision}",
            recipients=[receipt.recipient],
            title=_("Answer %(title)s by %(deadline)s"),
            body=_("Without a written explanation by then, it counts as accepted by you."),
            url=receipt.get_absolute_url(),
            params={
                "title": document.title,
                "deadline": _local(document.deadline).strftime("%Y-%m-%d %H:%M"),
            },
        )


@register("duties_authorisation_expiring", every_seconds=3600, label=_("Authorisation expiring"))
def authorisations_expiring(now):
    """An authorisation in force ends soon: the holder and the issuer, at each notice day.

    Enforces R2.3-written-authorisation.
    """
    today = _local(now).date()
    notices = sorted(conf.AUTHORISATION_NOTICE_DAYS)
    ending = Authorisation.objects.filter(
        status=AuthorisationStatus.ACTIVE,
        valid_to__gte=today,
        valid_to__lte=today + timedelta(days=notices[-1]),
    ).select_related("holder", "issued_by")
    for record in ending:
        left = (record.valid_to - today).days
        notice = next(days for days in notices if left <= days)
        yield Due(
            obj=record,
            period=f"{notice}d",
            recipients=[record.holder, record.issued_by],
            title=_("The written authorisation of %(name)s ends on %(date)s"),
            body=_("Renew it in time, or requests it covers go to the supervisor."),
            url=record.get_absolute_url(),
            params={"name": display_name(record.holder), "date": record.valid_to.isoformat()},
        )


@register("duties_training_upcoming", every_seconds=3600, label=_("Training coming up"))
def trainings_upcoming(now):
    """A planned training starts soon: its attendees, once.

    Enforces R2.1-training.
    """
    soon = now + timedelta(days=conf.TRAINING_NOTICE_DAYS)
    coming = Training.objects.filter(
        status=TrainingStatus.PLANNED, starts_at__gt=now, starts_at__lte=soon
    ).prefetch_related("attendees")
    for training in coming:
        yield Due(
            obj=training,
            period="upcoming",
            recipients=list(training.attendees.all()),
            title=_("Training %(title)s on %(when)s"),
            body=training.place,
            url=training.get_absolute_url(),
            params={
                "title": training.title,
                "when": _local(training.starts_at).strftime("%Y-%m-%d %H:%M"),
            },
        )
