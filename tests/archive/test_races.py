"""Races on PostgreSQL: one physical copy is never lent twice, even when two approvals or
two hand-overs of the same loan run at the same moment."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from archive import services
from archive.choices import LoanStatus
from archive.models import Loan, Signature
from onsite.signatures import SignatureInput
from onsite.workflow import WorkflowError
from tests.archive.conftest import png_signature
from tests.archive.factories import GrantFactory, ItemFactory
from tests.conftest import is_postgres
from tests.factories import UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if not is_postgres():
        pytest.skip("race tests need PostgreSQL (set DATABASE_URL)")


def _run_together(*calls):
    """Start the calls at the same moment in threads; return (results, errors)."""
    barrier = threading.Barrier(len(calls))
    results, errors = [], []

    def run(call):
        try:
            barrier.wait(timeout=10)
            results.append(call())
        except WorkflowError as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
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
            loan.pk,
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
        lambda: services.approve_loan(cast.leader, first.pk),
        lambda: services.approve_loan(second_leader, second.pk),
    )
    assert len(results) == 1 and len(errors) == 1
    statuses = sorted(Loan.objects.values_list("status", flat=True))
    assert statuses == [LoanStatus.APPROVED, LoanStatus.REQUESTED]
    assert Loan.objects.filter(status=LoanStatus.APPROVED, copy__isnull=False).count() == 1
