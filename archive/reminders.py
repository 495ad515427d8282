"""Reminder kinds of the archive (the shared mechanism sends each once per period)."""

from collections import defaultdict
from datetime import timedelta

from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from archive.choices import (
    AUDIT_NOTICE_DAYS,
    AuditStatus,
    DestructionStatus,
    ItemStatus,
    LoanStatus,
)
from archive.conf import conf
from archive.models import Collection, Item, Loan
from onsite.names import display_name
from onsite.reminding import Due, register


def _name(user):
    return display_name(user)


def overdue_level(days_late, delays=None):
    """0 if not overdue enough for a notice yet, else the escalation level 1..n."""
    delays = delays or conf.LOAN_OVERDUE_DAYS
    return sum(1 for delay in delays if days_late >= delay)


@register("archive_loan_due", every_seconds=3600, label=_("Archive loan due or overdue"))
def loans_due(now):
    """A courtesy notice before the return date, then escalating overdue notices.

    Level 1 goes to the borrower, level 2 also to the custodians, the last level also
    to the borrower's department supervisors. Only the highest level reached is sent.
    """
    today = timezone.localdate(now)
    courtesy_from = today + timedelta(days=conf.LOAN_COURTESY_DAYS)
    loans = (
        Loan.objects.filter(status=LoanStatus.HANDED_OVER, return_by__lte=courtesy_from)
        .select_related("item__collection", "borrower__profile__department")
        .prefetch_related(
            "item__collection__custodians", "borrower__profile__department__supervisors"
        )
    )
    delays = conf.LOAN_OVERDUE_DAYS
    for loan in loans:
        url = reverse("archive:loan_detail", args=[loan.pk])
        params = {
            "item": loan.item.reference,
            "date": loan.return_by.isoformat(),
            "borrower": _name(loan.borrower),
        }
        days_late = (today - loan.return_by).days
        if days_late <= 0:
            yield Due(
                obj=loan,
                period="courtesy",
                recipients=[loan.borrower],
                title=_("Please return %(item)s by %(date)s"),
                body=_("The loan ends soon; bring the item back to the custodian."),
                url=url,
                params=params,
            )
            continue
        level = overdue_level(days_late, delays)
        if not level:
            continue
        recipients = [loan.borrower]
        if level >= 2:
            recipients += list(loan.item.collection.custodians.all())
        if level >= len(delays):
            profile = getattr(loan.borrower, "profile", None)
            if profile:
                recipients += list(profile.department.supervisors.all())
        yield Due(
            obj=loan,
            period=f"overdue-{level}",
            recipients=recipients,
            title=_("Overdue (notice %(level)s): %(item)s borrowed by %(borrower)s"),
            body=_("It was due back on %(date)s. Return it to the custodian now."),
            url=url,
            params={**params, "level": level},
        )


def audit_interval_days(collection, media, by_medium=None):
    """Days between audits: the collection's interval, or shorter for a medium that needs it
    (``ARCHIVE_AUDIT_INTERVAL_DAYS_BY_MEDIUM``, e.g. ``{"tape": 30}``)."""
    by_medium = by_medium if by_medium is not None else conf.AUDIT_INTERVAL_DAYS_BY_MEDIUM
    return min([collection.audit_interval_days] + [by_medium[m] for m in media if m in by_medium])


@register("archive_audit_due", every_seconds=6 * 3600, label=_("Archive audit due"))
def audits_due(now):
    """A periodic audit is due by the collection's interval: notice a week ahead, then daily."""
    today = timezone.localdate(now)
    by_medium = conf.AUDIT_INTERVAL_DAYS_BY_MEDIUM
    media = defaultdict(set)
    for collection_id, medium in (
        Item.objects.filter(status=ItemStatus.KEPT)
        .values_list("collection_id", "medium")
        .distinct()
    ):
        media[collection_id].add(medium)
    collections = (
        Collection.objects.filter(custodians__isnull=False)
        .distinct()
        .annotate(
            last_audit=Max("audits__completed_at", filter=Q(audits__status=AuditStatus.COMPLETED))
        )
        .prefetch_related("custodians")
    )
    for collection in collections:
        if collection.last_audit is None:
            due = today
        else:
            interval = audit_interval_days(collection, media[collection.pk], by_medium)
            due = timezone.localdate(collection.last_audit) + timedelta(days=interval)
        if today < due - timedelta(days=AUDIT_NOTICE_DAYS):
            continue
        period = f"ahead-{due.isoformat()}" if today < due else f"due-{today.isoformat()}"
        yield Due(
            obj=collection,
            period=period,
            recipients=list(collection.custodians.all()),
            title=_("Periodic audit of %(collection)s due on %(date)s"),
            body=_("Compare the records with the shelf and record every discrepancy."),
            url=reverse("archive:audit_start"),
            params={"collection": collection.code, "date": due.isoformat()},
        )


@register("archive_retention_ended", every_seconds=24 * 3600, label=_("Archive retention ended"))
def retention_ended(now):
    """An item past its retention date is still kept: ask the custodians to decide on it."""
    today = timezone.localdate(now)
    items = (
        Item.objects.filter(status=ItemStatus.KEPT, retention_until__lt=today)
        .exclude(destructions__status__in=[DestructionStatus.PROPOSED, DestructionStatus.APPROVED])
        .select_related("collection")
        .prefetch_related("collection__custodians")
    )
    for item in items:
        yield Due(
            obj=item,
            period=f"retention-{item.retention_until.isoformat()}",
            recipients=list(item.collection.custodians.all()),
            title=_("Retention of %(item)s ended on %(date)s"),
            body=_("Propose its destruction or extend the retention date."),
            url=reverse("archive:item_detail", args=[item.pk]),
            params={"item": item.reference, "date": item.retention_until.isoformat()},
        )
