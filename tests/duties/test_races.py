"""Races on PostgreSQL: the deemed-acceptance sweep run twice at the same moment deems each
silent receipt exactly once (one audit entry, one notification each)."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from duties.choices import ReceiptStatus
from duties.models import Receipt
from duties.services import documents as service
from onsite.models import AuditEntry, Notification
from tests.conftest import is_postgres
from tests.duties.factories import DocumentFactory, make_receipt
from tests.factories import UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if not is_postgres():
        pytest.skip("race tests need PostgreSQL (set DATABASE_URL)")


def _run_together(*calls):
    """Start the calls at the same moment in threads; return their results."""
    barrier = threading.Barrier(len(calls))
    results, errors = [], []

    def run(call):
        try:
            barrier.wait(timeout=10)
            results.append(call())
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    return results


@pytest.mark.rule("R2.3-deemed-accepted")
def test_two_sweeps_at_once_deem_each_silent_receipt_exactly_once(cast):
    deadline = timezone.now() - timedelta(minutes=5)
    document = DocumentFactory(sender=cast.hr, deadline=deadline)
    people = [UserFactory(roles=["staff"], department=cast.dept_a) for _ in range(40)]
    for number, person in enumerate(people):
        status = ReceiptStatus.SIGNED if number % 2 else ReceiptStatus.SENT
        make_receipt(document, person, status)
    make_receipt(document, cast.staff, ReceiptStatus.ACCEPTED)

    now = timezone.now()
    results = _run_together(
        lambda: service.deem_silent_receipts(now), lambda: service.deem_silent_receipts(now)
    )

    assert sum(results) == 40
    assert Receipt.objects.filter(status=ReceiptStatus.DEEMED).count() == 40
    assert AuditEntry.objects.filter(action="duties.receipt.deem").count() == 40
    deemed_ids = {
        str(pk) for pk in Receipt.objects.filter(status="deemed").values_list("pk", flat=True)
    }
    audited = set(
        AuditEntry.objects.filter(action="duties.receipt.deem").values_list("object_id", flat=True)
    )
    assert audited == deemed_ids
    told = Notification.objects.filter(recipient__in=people)
    assert told.count() == 40
    assert told.values("recipient").distinct().count() == 40
