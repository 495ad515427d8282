"""What the duties app puts on a person's "Waiting for me" list (``onsite.waiting``):
documents to sign for or answer, open tasks, and today's missing work report."""

from datetime import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from duties.choices import OPEN_TASK_STATES, DocumentStatus, ReceiptStatus
from duties.conf import conf
from duties.models import Receipt, Task
from onsite.choices import Role
from onsite.permissions import assigned_site_ids, has_role
from onsite.waiting import Waiting, provider


def _when(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


@provider
def documents_to_sign_or_answer(user, now):
    rows = Receipt.objects.filter(
        recipient=user,
        document__status=DocumentStatus.SENT,
        status__in=[ReceiptStatus.SENT, ReceiptStatus.SIGNED],
    ).select_related("document")
    return [
        Waiting(
            receipt.document.title,
            receipt.get_absolute_url(),
            receipt.document.sent_at if receipt.status == ReceiptStatus.SENT else receipt.signed_at,
            _("Sign for it") if receipt.status == ReceiptStatus.SENT else _("Answer"),
            _("answer by %(deadline)s")
            % {
                "deadline": timezone.localtime(receipt.document.deadline).strftime("%Y-%m-%d %H:%M")
            },
        )
        for receipt in rows
    ]


@provider
def open_tasks(user, now):
    today = timezone.localdate(now)
    rows = Task.objects.filter(assignee=user, status__in=OPEN_TASK_STATES)
    return [
        Waiting(
            task.title,
            task.get_absolute_url(),
            task.due_date if task.due_date < today else task.assigned_at,
            _("Open"),
            _("due %(date)s") % {"date": task.due_date.isoformat()},
        )
        for task in rows
    ]


@provider
def todays_report(user, now):
    """After the set time, staff stationed today without today's work report."""
    from duties.services.reports import missing_reports

    local = timezone.localtime(now)
    if not has_role(user, Role.STAFF) or local.time() < conf.REPORT_DUE_TIME:
        return []
    today = local.date()
    if not assigned_site_ids(user, today) or not missing_reports([user], today, today=today):
        return []
    due = timezone.make_aware(datetime.combine(today, conf.REPORT_DUE_TIME))
    return [
        Waiting(
            _("Your work report of %(day)s is missing") % {"day": today.isoformat()},
            reverse("duties:report_create"),
            due,
            _("Write it"),
        )
    ]
