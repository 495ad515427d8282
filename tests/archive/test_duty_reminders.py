"""The archive's duties that now have a reminder, each sent exactly once per period and then
escalated: a destruction not carried out by its planned date, a discrepancy open too long,
loan and destruction requests waiting for the leader's decision."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from archive.choices import AuditResult, DestructionStatus, DiscrepancyStatus, LoanStatus
from archive.models import AuditLine, Destruction, Discrepancy, Loan, ShelfAudit
from onsite.models import Notification, SentReminder
from onsite.reminding import run_scan
from tests.archive.factories import make_digital_loan, make_loan

pytestmark = pytest.mark.django_db

TZ = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 12, 10)


def _at(day, hour=9):
    return datetime(day.year, day.month, day.day, hour, tzinfo=TZ)


def _sent(kind, moment):
    """Scan twice (a repeated beat run) and say how many were sent in all."""
    return run_scan(kind, moment) + run_scan(kind, moment)


def _recipients(kind):
    return sorted(
        Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True)
    )


def _destruction(cast, item, status, **fields):
    return Destruction.objects.create(
        item=item,
        reason="超过保存期限",
        method="shred",
        witness=cast.manager,
        planned_on=DAY,
        proposed_by=cast.custodian,
        status=status,
        **fields,
    )


@pytest.mark.rule("R2.4-destroy-when-needed")
def test_a_destruction_not_carried_out_by_its_date_reminds_the_custodian_then_the_leader(cast, arc):
    _destruction(cast, arc.secret, DestructionStatus.APPROVED)
    _destruction(cast, arc.public, DestructionStatus.DONE)  # carried out: never reminded
    kind = "archive_destruction_overdue"
    sent = {days: _sent(kind, _at(DAY + timedelta(days=days))) for days in range(0, 8)}
    assert sent == {0: 0, 1: 1, 2: 0, 3: 0, 4: 1, 5: 0, 6: 0, 7: 0}
    periods = sorted(SentReminder.objects.filter(kind=kind).values_list("period", flat=True))
    assert periods == ["late-1", "late-2"]
    assert _recipients(kind) == ["custodian", "custodian", "leader"]


@pytest.mark.rule("R2.4-discrepancies-resolved")
def test_a_discrepancy_open_too_long_reminds_the_custodian_then_the_leader(cast, arc):
    audit = ShelfAudit.objects.create(collection=cast.collection, started_by=cast.custodian)
    lines = [
        AuditLine.objects.create(
            audit=audit, copy=item.copies.get(), expected_location="A-01", result="missing"
        )
        for item in (arc.secret, arc.public)
    ]
    opened = _at(DAY)
    for line, status in zip(lines, (DiscrepancyStatus.OPEN, DiscrepancyStatus.RESOLVED)):
        Discrepancy.objects.create(
            line=line,
            copy=line.copy,
            item=line.copy.item,
            kind=AuditResult.MISSING,
            status=status,
            opened_at=opened,
        )
    kind = "archive_discrepancy_open"
    sent = {days: _sent(kind, opened + timedelta(days=days)) for days in (13, 14, 15, 20, 21, 22)}
    assert sent == {13: 0, 14: 1, 15: 0, 20: 0, 21: 1, 22: 0}  # 14 days, then 7 more
    assert _recipients(kind) == ["custodian", "custodian", "leader"]


def test_a_collection_may_remind_of_its_discrepancies_sooner(cast, arc):
    cast.collection.discrepancy_remind_days = 3
    cast.collection.save()
    audit = ShelfAudit.objects.create(collection=cast.collection, started_by=cast.custodian)
    line = AuditLine.objects.create(
        audit=audit, copy=arc.secret.copies.get(), expected_location="A-01", result="damaged"
    )
    Discrepancy.objects.create(
        line=line, copy=line.copy, item=arc.secret, kind="damaged", opened_at=_at(DAY)
    )
    assert _sent("archive_discrepancy_open", _at(DAY + timedelta(days=2))) == 0
    assert _sent("archive_discrepancy_open", _at(DAY + timedelta(days=3))) == 1


@pytest.mark.rule("R2.4-archive-borrow-approval", "R2.4-destruction-approval")
def test_requests_waiting_for_a_decision_remind_the_leader_then_escalate(cast, arc):
    asked = _at(DAY)
    loan = make_loan(arc.secret, cast.staff, LoanStatus.REQUESTED)
    digital = make_digital_loan(arc.internal, cast.staff, LoanStatus.REQUESTED)
    Loan.objects.filter(pk__in=[loan.pk, digital.pk]).update(requested_at=asked)
    proposal = _destruction(cast, arc.public, DestructionStatus.PROPOSED)
    Destruction.objects.filter(pk=proposal.pk).update(proposed_at=asked)
    decided = make_loan(arc.confidential, cast.staff, LoanStatus.APPROVED)
    Loan.objects.filter(pk=decided.pk).update(requested_at=asked)  # decided: never reminded
    kind = "archive_decision_waiting"
    sent = {
        hours: _sent(kind, asked + timedelta(hours=hours)) for hours in (47, 48, 49, 119, 120, 121)
    }
    assert sent == {47: 0, 48: 3, 49: 0, 119: 0, 120: 3, 121: 0}
    first = Notification.objects.filter(kind=kind).order_by("pk")[:3]
    assert {n.recipient.username for n in first} == {"leader"}  # never the asker
    # The leader's department has no supervisor: the vice president is told instead.
    assert _recipients(kind) == ["leader"] * 6 + ["vp"] * 3


def test_an_escalation_goes_to_the_deciders_own_supervisor_when_there_is_one(cast, arc):
    cast.dept_b.supervisors.add(cast.supervisor)
    loan = make_loan(arc.secret, cast.staff, LoanStatus.REQUESTED)
    Loan.objects.filter(pk=loan.pk).update(requested_at=_at(DAY))
    assert _sent("archive_decision_waiting", _at(DAY) + timedelta(hours=130)) == 1
    assert _recipients("archive_decision_waiting") == ["leader", "supervisor"]
