"""The project's lock order holds under a forced interleaving (PostgreSQL).

Approving a loan and carrying out the destruction of the item's only copy used to lock in
opposite orders (the loan then the item; the item then the loans) and deadlocked. Here the
first transaction is stopped right after its first row lock, the second is started and left
until PostgreSQL reports it waiting for a lock, and only then the first goes on: with one
lock order the second simply waits; with two orders this is the deadlock, every time.
"""

import threading
import time
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from archive import services
from archive.choices import CopyStatus, DestructionMethod, DestructionStatus, LoanStatus
from archive.models import Destruction, Loan
from onsite.workflow import WorkflowError
from tests.archive.factories import GrantFactory, ItemFactory
from tests.conftest import is_postgres
from tests.factories import PASSWORD

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if not is_postgres():
        pytest.skip("lock-order tests need PostgreSQL (set DATABASE_URL)")


def _pause_after_first_row_lock(holding, go):
    """An execute wrapper: after the thread's first ``SELECT … FOR UPDATE``, say so and wait."""
    state = {"paused": False}

    def wrapper(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if not state["paused"] and "FOR UPDATE" in sql:
            state["paused"] = True
            holding.set()
            assert go.wait(timeout=20), "never told to go on"
        return result

    return wrapper


def _someone_waits_for_a_lock(timeout=10.0):
    deadline = time.monotonic() + timeout
    with connections["default"].cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return True
            time.sleep(0.02)
    return False


def _interleave(first, second):
    """Run ``first`` until its first row lock, then ``second`` until it waits, then both."""
    holding, go = threading.Event(), threading.Event()
    outcomes = {}

    def run(name, call, wrapper=None):
        try:
            if wrapper is None:
                outcomes[name] = call()
            else:
                with connection.execute_wrapper(wrapper):
                    outcomes[name] = call()
        except WorkflowError as refusal:
            outcomes[name] = refusal
        except Exception as crash:  # noqa: BLE001 - a deadlock fails the test below
            outcomes[name] = ("crash", crash)
        finally:
            connection.close()

    one = threading.Thread(
        target=run, args=("first", first, _pause_after_first_row_lock(holding, go))
    )
    one.start()
    assert holding.wait(timeout=20), "the first transaction never locked a row"
    two = threading.Thread(target=run, args=("second", second))
    two.start()
    waited = _someone_waits_for_a_lock()
    go.set()
    one.join(timeout=60)
    two.join(timeout=60)
    assert not one.is_alive() and not two.is_alive(), "a transaction never finished"
    crashes = [o for o in outcomes.values() if isinstance(o, tuple)]
    assert not crashes, crashes
    assert waited, "the second transaction never waited for the first"
    return outcomes["first"], outcomes["second"]


@pytest.fixture
def item_with_a_requested_loan_and_an_approved_destruction(cast):
    GrantFactory(user=cast.staff, collection=cast.collection, clearance=1)
    item = ItemFactory(collection=cast.collection, custodian=cast.custodian, classification=1)
    today = timezone.localdate()
    loan = services.request_loan(
        cast.staff, item, purpose="回放", needed_from=today, return_by=today + timedelta(days=7)
    )
    record = Destruction.objects.create(
        item=item,
        reason="超过保存期限",
        method=DestructionMethod.SHRED,
        witness=cast.manager,
        planned_on=today,
        proposed_by=cast.custodian,
        status=DestructionStatus.APPROVED,
        decided_by=cast.leader,
    )
    return item, loan, record


def _approve(cast, loan):
    return lambda: services.approve_loan(cast.leader, Loan.objects.get(pk=loan.pk))


def _destroy(cast, record):
    return lambda: services.carry_out_destruction(
        cast.custodian,
        Destruction.objects.get(pk=record.pk),
        destroyed_on=timezone.localdate(),
        witness_statement="当面粉碎",
        witness_password=PASSWORD,
    )


@pytest.mark.rule("R2.4-one-copy-one-loan")
def test_an_approval_holding_its_first_lock_makes_the_destruction_wait_not_deadlock(
    cast, item_with_a_requested_loan_and_an_approved_destruction
):
    item, loan, record = item_with_a_requested_loan_and_an_approved_destruction
    approved, destroyed = _interleave(_approve(cast, loan), _destroy(cast, record))
    assert not isinstance(approved, WorkflowError)
    assert isinstance(destroyed, WorkflowError)  # its copy is now reserved
    loan.refresh_from_db()
    record.refresh_from_db()
    assert loan.status == LoanStatus.APPROVED and loan.copy is not None
    assert record.status == DestructionStatus.APPROVED
    assert item.copies.get().status == CopyStatus.KEPT


@pytest.mark.rule("R2.4-one-copy-one-loan")
def test_a_destruction_holding_its_first_lock_makes_the_approval_wait_not_deadlock(
    cast, item_with_a_requested_loan_and_an_approved_destruction
):
    item, loan, record = item_with_a_requested_loan_and_an_approved_destruction
    destroyed, approved = _interleave(_destroy(cast, record), _approve(cast, loan))
    assert not isinstance(destroyed, WorkflowError)
    assert isinstance(approved, WorkflowError)  # the request was cancelled with the item
    loan.refresh_from_db()
    record.refresh_from_db()
    assert loan.status == LoanStatus.CANCELLED and loan.copy_id is None
    assert record.status == DestructionStatus.DONE
    assert item.copies.get().status == CopyStatus.DESTROYED
