"""Races on PostgreSQL for the new sweeps: two integrity sweeps at the same moment open one
discrepancy per damaged file and tell the custodian once; two hold sweeps expire a kept
copy once and offer it to the next once; a revocation racing the access-window sweep
leaves the loan in one end state with one audit entry."""

from datetime import timedelta

import pytest
from django.utils import timezone

from archive import services
from archive.choices import HoldStatus, LoanStatus
from archive.models import Discrepancy, Hold, Loan
from onsite.models import AuditEntry, Notification
from tests.archive.factories import (
    GrantFactory,
    ItemFactory,
    make_digital_loan,
    make_file,
    make_hold,
    make_loan,
)
from tests.archive.test_races import _postgres_only, _run_together  # noqa: F401

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.mark.rule("R2.4-recording-integrity")
def test_two_integrity_sweeps_at_once_open_one_discrepancy_and_tell_once(cast):
    item = ItemFactory(collection=cast.collection, custodian=cast.custodian)
    damaged = make_file(item, b"original bytes" * 100)
    with open(damaged.file.path, "r+b") as handle:
        handle.write(b"X")
    now = timezone.now()

    def sweep():
        return services.verify_stored_files(now, budget_bytes=10**9)

    results, errors = _run_together(sweep, sweep)
    assert not errors
    assert Discrepancy.objects.filter(item_file=damaged).count() == 1
    assert Notification.objects.filter(recipient=cast.custodian).count() == 1
    assert AuditEntry.objects.filter(action="archive.discrepancy.open").count() == 1


def test_two_hold_sweeps_at_once_expire_and_offer_once(cast):
    for person in (cast.staff, cast.manager, cast.supervisor):
        GrantFactory(user=person, collection=cast.collection, clearance=2)
    item = ItemFactory(collection=cast.collection, custodian=cast.custodian, classification=1)
    make_loan(item, cast.outsider, LoanStatus.RETURNED)
    first = make_hold(item, cast.staff, HoldStatus.OFFERED, keep_days=-1)
    second = make_hold(item, cast.manager)
    Hold.objects.filter(pk=second.pk).update(placed_at=first.placed_at + timedelta(seconds=1))

    results, errors = _run_together(services.expire_holds, services.expire_holds)
    assert sorted(results) == [0, 1] and not errors
    assert Hold.objects.get(pk=first.pk).status == HoldStatus.EXPIRED
    assert Hold.objects.get(pk=second.pk).status == HoldStatus.OFFERED
    assert AuditEntry.objects.filter(action="archive.hold.offer").count() == 1


def test_a_revocation_racing_the_window_sweep_ends_the_loan_once(cast):
    GrantFactory(user=cast.staff, collection=cast.collection, clearance=2)
    item = ItemFactory(collection=cast.collection, custodian=cast.custodian, classification=2)
    make_file(item)
    loan = make_digital_loan(item, cast.staff, LoanStatus.ACCESS)
    Loan.objects.filter(pk=loan.pk).update(access_until=timezone.now() - timedelta(seconds=1))

    def revoke():
        return services.revoke_digital_loan(cast.leader, Loan.objects.get(pk=loan.pk), "结束")

    results, errors = _run_together(revoke, services.end_digital_loans)
    loan.refresh_from_db()
    assert loan.status in (LoanStatus.REVOKED, LoanStatus.ENDED)
    ends = AuditEntry.objects.filter(
        object_id=str(loan.pk),
        action__in=["archive.digital_loan.revoke", "archive.digital_loan.end"],
    )
    assert ends.count() == 1
