"""Every list and queue page runs the same number of SQL queries for 5 and for 50 rows
(no query per row, permission checks included), at most 15 with the signed-in overhead."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from archive.choices import AuditResult, DiscrepancyStatus, LoanStatus
from archive.models import AuditLine, Destruction, Discrepancy, ShelfAudit
from tests.archive.factories import GrantFactory, ItemFactory, make_loan
from tests.factories import UserFactory
from tests.query_pins import pinned

pytestmark = pytest.mark.django_db


def _items(cast, n):
    return [
        ItemFactory(collection=cast.collection, custodian=cast.custodian, classification=1)
        for _ in range(n)
    ]


def _same_for_5_and_50(client, url, add_rows):
    pinned(client, url, add_rows)


def test_item_list(cast, login):
    GrantFactory(user=cast.staff, collection=cast.collection, clearance=2)
    _same_for_5_and_50(login(cast.staff), reverse("archive:item_list"), lambda n: _items(cast, n))


def test_my_loans(cast, login):
    def add(n):
        for item in _items(cast, n):
            make_loan(item, cast.staff, LoanStatus.HANDED_OVER)

    _same_for_5_and_50(login(cast.staff), reverse("archive:my_loans"), add)


@pytest.mark.parametrize("show", ["open", "overdue", "all"])
def test_loan_queue(cast, login, show):
    def add(n):
        for item in _items(cast, n):
            borrower = UserFactory(roles=["staff"])
            make_loan(
                item,
                borrower,
                LoanStatus.HANDED_OVER,
                return_by=timezone.localdate() - timedelta(days=1),
            )

    url = reverse("archive:loan_queue") + f"?show={show}"
    _same_for_5_and_50(login(cast.leader), url, add)


def test_destruction_list(cast, login):
    def add(n):
        for item in _items(cast, n):
            Destruction.objects.create(
                item=item,
                reason="到期",
                method="shred",
                witness=cast.manager,
                planned_on=timezone.localdate(),
                proposed_by=cast.custodian,
            )

    _same_for_5_and_50(login(cast.leader), reverse("archive:destruction_list"), add)


def _audit_with_lines(cast, n, discrepancies=False):
    audit = ShelfAudit.objects.create(collection=cast.collection, started_by=cast.custodian)
    for item in _items(cast, n):
        line = AuditLine.objects.create(
            audit=audit,
            copy=item.copies.first(),
            expected_location="A-01",
            result=AuditResult.MISSING if discrepancies else AuditResult.PENDING,
        )
        if discrepancies:
            Discrepancy.objects.create(
                line=line, copy=line.copy, item=line.copy.item, kind=AuditResult.MISSING
            )
    return audit


def test_audit_list(cast, login):
    def add(n):
        for _ in range(n):
            _audit_with_lines(cast, 1, discrepancies=True)

    _same_for_5_and_50(login(cast.custodian), reverse("archive:audit_list"), add)


def test_audit_detail(cast, login):
    audit = ShelfAudit.objects.create(collection=cast.collection, started_by=cast.custodian)

    def add(n):
        for item in _items(cast, n):
            AuditLine.objects.create(audit=audit, copy=item.copies.first(), expected_location="A")

    url = reverse("archive:audit_detail", args=[audit.pk])
    _same_for_5_and_50(login(cast.custodian), url, add)


def test_discrepancy_list(cast, login):
    url = reverse("archive:discrepancy_list") + f"?show={DiscrepancyStatus.OPEN}"
    _same_for_5_and_50(
        login(cast.custodian), url, lambda n: _audit_with_lines(cast, n, discrepancies=True)
    )


def test_access_log(cast, login):
    from archive import services

    def add(n):
        for item in _items(cast, n):
            services.record_item_view(cast.staff, item)

    _same_for_5_and_50(login(cast.custodian), reverse("archive:access_log"), add)


def test_export_list(cast, login):
    from archive.models import RegisterExport

    def add(n):
        RegisterExport.objects.bulk_create(
            RegisterExport(requested_by=cast.staff, kind="items") for _ in range(n)
        )

    _same_for_5_and_50(login(cast.staff), reverse("archive:export_list"), add)
