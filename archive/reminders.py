"""Reminder kinds of the archive (the shared mechanism sends each once per period)."""

from collections import defaultdict
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from archive.choices import (
    AUDIT_NOTICE_DAYS,
    AuditStatus,
    DestructionStatus,
    DiscrepancyStatus,
    ItemStatus,
    LoanKind,
    LoanStatus,
)
from archive.conf import conf
from archive.models import Collection, Destruction, Discrepancy, Item, Loan
from onsite.choices import Role
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


def _people(users, exclude=()):
    """Distinct users in order, without those excluded (by id)."""
    seen, found = set(exclude), []
    for user in users:
        if user.pk not in seen:
            seen.add(user.pk)
            found.append(user)
    return found


@register(
    "archive_destruction_overdue", every_seconds=6 * 3600, label=_("Destruction not carried out")
)
def destructions_overdue(now):
    """An approved destruction not carried out by its planned date: the custodians the day
    after, then (``ARCHIVE_DESTRUCTION_ESCALATE_DAYS`` later) the leaders too. Only the
    highest level reached is sent, each once.

    Enforces R2.4-destroy-when-needed.
    """
    today = timezone.localdate(now)
    late = (
        Destruction.objects.filter(status=DestructionStatus.APPROVED, planned_on__lt=today)
        .select_related("item__collection")
        .prefetch_related("item__collection__custodians", "item__collection__leaders")
    )
    for record in late:
        days_late = (today - record.planned_on).days
        collection = record.item.collection
        recipients = list(collection.custodians.all())
        level = 1
        if days_late > conf.DESTRUCTION_ESCALATE_DAYS:
            level = 2
            recipients = _people(recipients + list(collection.leaders.all()))
        yield Due(
            obj=record,
            period=f"late-{level}",
            recipients=recipients,
            title=_("Destruction of %(item)s not carried out (planned %(date)s)"),
            body=_("It was approved: destroy it before the witness and record it, or say why."),
            url=reverse("archive:destruction_detail", args=[record.pk]),
            params={"item": record.item.reference, "date": record.planned_on.isoformat()},
        )


@register("archive_discrepancy_open", every_seconds=6 * 3600, label=_("Discrepancy open too long"))
def discrepancies_open(now):
    """A discrepancy open longer than its collection's setting (default 14 days): the
    custodians, then (``ARCHIVE_DISCREPANCY_ESCALATE_DAYS`` later) the leaders too.

    Enforces R2.4-discrepancies-resolved.
    """
    shortest = Collection.objects.order_by("discrepancy_remind_days").first()
    if shortest is None:
        return
    opened_before = now - timedelta(days=shortest.discrepancy_remind_days)
    found = (
        Discrepancy.objects.filter(status=DiscrepancyStatus.OPEN, opened_at__lte=opened_before)
        .select_related("item__collection")
        .prefetch_related("item__collection__custodians", "item__collection__leaders")
    )
    for discrepancy in found:
        collection = discrepancy.item.collection
        days_open = (now - discrepancy.opened_at).days
        if days_open < collection.discrepancy_remind_days:
            continue
        recipients = list(collection.custodians.all())
        level = 1
        if days_open >= collection.discrepancy_remind_days + conf.DISCREPANCY_ESCALATE_DAYS:
            level = 2
            recipients = _people(recipients + list(collection.leaders.all()))
        yield Due(
            obj=discrepancy,
            period=f"open-{level}",
            recipients=recipients,
            title=_("Discrepancy on %(item)s open for %(days)s days"),
            body=_("%(finding)s. Resolve it in writing, or say what is being done."),
            url=reverse("archive:discrepancy_list"),
            params={
                "item": discrepancy.item.reference,
                "days": days_open,
                "finding": discrepancy.get_kind_display(),
            },
        )


def _managers_of(deciders):
    """Whom a decision escalates to: the deciders' own department supervisors, else the
    vice presidents (the leaders' superiors company-wide)."""
    managers = [
        supervisor
        for decider in deciders
        if getattr(decider, "profile", None) is not None
        for supervisor in decider.profile.department.supervisors.all()
    ]
    if not managers:
        managers = list(
            get_user_model().objects.filter(groups__name=Role.VP, is_active=True).distinct()
        )
    return _people(managers, exclude={d.pk for d in deciders})


def _waiting_due(obj, asker, waited_since, deciders, now, what, url):
    hours = (now - waited_since).total_seconds() / 3600
    if hours < conf.DECISION_REMIND_HOURS or not deciders:
        return None
    level, recipients = 1, list(deciders)
    if hours >= conf.DECISION_ESCALATE_HOURS:
        level = 2
        recipients = _people(recipients + _managers_of(deciders))
    return Due(
        obj=obj,
        period=f"waiting-{level}",
        recipients=recipients,
        title=_("%(what)s of %(item)s by %(asker)s waits for a decision since %(since)s"),
        body=(
            _("Please approve or reject it now.")
            if level == 1
            else _("Escalated: the leader in charge has not decided. Please see that they do.")
        ),
        url=url,
        params={
            "what": what,
            "item": obj.item.reference,
            "asker": display_name(asker),
            "since": timezone.localtime(waited_since).strftime("%Y-%m-%d %H:%M"),
        },
    )


@register("archive_decision_waiting", every_seconds=3600, label=_("Archive decision waiting"))
def decisions_waiting(now):
    """Loan requests (physical or digital) and proposed destructions waiting for the leader's
    decision longer than ``ARCHIVE_DECISION_REMIND_HOURS``: remind the deciders; past
    ``ARCHIVE_DECISION_ESCALATE_HOURS`` tell their own managers too (each level once).

    Enforces R2.4-archive-borrow-approval, R2.4-destruction-approval.
    """
    since = now - timedelta(hours=conf.DECISION_REMIND_HOURS)
    related = ("item__collection", "borrower")
    prefetch = ("item__collection__leaders__profile__department__supervisors",)
    loans = (
        Loan.objects.filter(status=LoanStatus.REQUESTED, requested_at__lte=since)
        .select_related(*related)
        .prefetch_related(*prefetch)
    )
    for loan in loans:
        deciders = _people(loan.item.collection.leaders.all(), exclude={loan.borrower_id})
        what = _("Digital loan") if loan.kind == LoanKind.DIGITAL else _("Loan")
        url = reverse("archive:loan_detail", args=[loan.pk])
        due = _waiting_due(loan, loan.borrower, loan.requested_at, deciders, now, what, url)
        if due:
            yield due
    proposed = (
        Destruction.objects.filter(status=DestructionStatus.PROPOSED, proposed_at__lte=since)
        .select_related("item__collection", "proposed_by")
        .prefetch_related(*prefetch)
    )
    for record in proposed:
        deciders = _people(record.item.collection.leaders.all(), exclude={record.proposed_by_id})
        url = reverse("archive:destruction_detail", args=[record.pk])
        due = _waiting_due(
            record, record.proposed_by, record.proposed_at, deciders, now, _("Destruction"), url
        )
        if due:
            yield due
