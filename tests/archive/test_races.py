"""Races on PostgreSQL: one physical copy is never lent twice, even when two approvals or
two hand-overs of the same loan run at the same moment, and a copy being destroyed is never
lent. Each call runs in its own thread and connection; any error but a refusal
(``WorkflowError``), a deadlock above all, fails the test."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from archive import services
from archive.choices import (
    ACTIVE_LOAN_STATES,
    CopyStatus,
    DestructionMethod,
    DestructionStatus,
    ItemStatus,
    LoanStatus,
)
from archive.models import Destruction, Loan, Signature
from onsite.signatures import SignatureInput
from onsite.workflow import WorkflowError
from tests.archive.conftest import png_signature
from tests.archive.factories import GrantFactory, ItemFactory
from tests.conftest import is_postgres
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if not is_postgres():
        pytest.skip("race tests need PostgreSQL (set DATABASE_URL)")


def _run_together(*calls):
    """Start the calls at the same moment in threads; return (results, refusals).

    Anything raised but a ``WorkflowError`` (a deadlock, a unique violation) fails.
    """
    barrier = threading.Barrier(len(calls))
    results, errors, crashes = [], [], []

    def run(call):
        try:
            barrier.wait(timeout=10)
            results.append(call())
        except WorkflowError as error:
            errors.append(error)
        except Exception as error:  # noqa: BLE001 - reported below
            crashes.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a call never finished"
    assert not crashes, crashes
    return results, errors


def _dates():
    today = timezone.localdate()
    return {"needed_from": today, "return_by": today + timedelta(days=7)}


@pytest.mark.rule("R2.4-one-copy-one-loan")
def test_concurrent_double_hand_over_lends_the_copy_once(cast):
    item = ItemFactory(collection=cast.collection, custodian=cast.custodian, classification=1)
    GrantFactory(user=cast.staff, collection=cast.collection, clearance=1)
    second_custodian = UserFactory(username="custodian2", roles=["custodian"])
    cast.collection.custodians.add(second_custodian)
    loan = services.request_loan(cast.staff, item, purpose="回放", **_dates())
    services.approve_loan(cast.leader, loan)

    def hand_over(custodian):
        return lambda: services.hand_over_loan(
            custodian,
            Loan.objects.get(pk=loan.pk),
            copy_code=loan.copy.code,
            condition="good",
            signature=SignatureInput.from_data_url(png_signature()),
        )

    results, errors = _run_together(hand_over(cast.custodian), hand_over(second_custodian))
    assert len(results) == 1 and len(errors) == 1
    loan.refresh_from_db()
    assert loan.status == LoanStatus.HANDED_OVER
    assert Signature.objects.filter(loan=loan).count() == 1
    assert Loan.objects.filter(copy=loan.copy, status=LoanStatus.HANDED_OVER).count() == 1


@pytest.mark.rule("R2.4-one-copy-one-loan")
def test_concurrent_approvals_reserve_the_only_copy_once(cast):
    item = ItemFactory(collection=cast.collection, custodian=cast.custodian, classification=1)
    GrantFactory(user=cast.staff, collection=cast.collection, clearance=1)
    first = services.request_loan(cast.staff, item, purpose="回放", **_dates())
    second = services.request_loan(cast.custodian, item, purpose="回放", **_dates())
    second_leader = UserFactory(username="leader2", roles=["leader"])
    cast.collection.leaders.add(second_leader)

    results, errors = _run_together(
        lambda: services.approve_loan(cast.leader, Loan.objects.get(pk=first.pk)),
        lambda: services.approve_loan(second_leader, Loan.objects.get(pk=second.pk)),
    )
    assert len(results) == 1 and len(errors) == 1
    statuses = sorted(Loan.objects.values_list("status", flat=True))
    assert statuses == [LoanStatus.APPROVED, LoanStatus.REQUESTED]
    assert Loan.objects.filter(status=LoanStatus.APPROVED, copy__isnull=False).count() == 1


def _approved_destruction(cast, item):
    return Destruction.objects.create(
        item=item,
        reason="超过保存期限",
        method=DestructionMethod.SHRED,
        witness=cast.manager,
        planned_on=timezone.localdate(),
        proposed_by=cast.custodian,
        status=DestructionStatus.APPROVED,
        decided_by=cast.leader,
    )


@pytest.mark.rule("R2.4-one-copy-one-loan")
def test_approving_a_loan_while_its_only_copy_is_destroyed_never_deadlocks_nor_lends_it(cast):
    GrantFactory(user=cast.staff, collection=cast.collection, clearance=1)
    outcomes = set()
    for _round in range(10):
        item = ItemFactory(collection=cast.collection, custodian=cast.custodian, classification=1)
        loan = services.request_loan(cast.staff, item, purpose="回放", **_dates())
        record = _approved_destruction(cast, item)

        results, errors = _run_together(
            lambda: services.approve_loan(cast.leader, Loan.objects.get(pk=loan.pk)),
            lambda: services.carry_out_destruction(
                cast.custodian,
                Destruction.objects.get(pk=record.pk),
                destroyed_on=timezone.localdate(),
                witness_statement="当面粉碎",
                witness_password=PASSWORD,
            ),
        )
        assert len(results) == 1 and len(errors) == 1
        loan.refresh_from_db()
        record.refresh_from_db()
        item.refresh_from_db()
        copy = item.copies.get()
        if loan.status == LoanStatus.APPROVED:  # the approval came first: nothing destroyed
            assert loan.copy_id == copy.pk and copy.status == CopyStatus.KEPT
            assert record.status == DestructionStatus.APPROVED
            assert item.status == ItemStatus.KEPT
        else:  # the destruction came first: the request was cancelled, nothing lent
            assert loan.status == LoanStatus.CANCELLED and loan.copy_id is None
            assert record.status == DestructionStatus.DONE
            assert copy.status == CopyStatus.DESTROYED and item.status == ItemStatus.DESTROYED
        assert not Loan.objects.filter(
            copy__status=CopyStatus.DESTROYED, status__in=ACTIVE_LOAN_STATES
        ).exists()
        outcomes.add(loan.status)
    assert outcomes <= {LoanStatus.APPROVED, LoanStatus.CANCELLED}
