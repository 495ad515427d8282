"""The duties' daily pages run the same queries for 5 and for 50 rows, at most 15 with the
signed-in overhead (issue 13)."""

import itertools
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from duties.choices import ReceiptStatus
from tests.duties.factories import (
    CustodyFactory,
    DocumentFactory,
    ReportFactory,
    TaskFactory,
    make_receipt,
)
from tests.query_pins import pinned

_days_back = itertools.count()


def _report(cast):
    """A work report of cast.staff for a day not reported yet."""
    day = timezone.localdate() - timedelta(days=next(_days_back))
    return ReportFactory(author=cast.staff, period_start=day)


def _tasks(cast):
    def add(n):
        for _ in range(n):
            TaskFactory(assignee=cast.staff, assigned_by=cast.supervisor)

    return add


def _documents(cast):
    def add(n):
        for number in range(n):
            document = DocumentFactory(sender=cast.hr)
            status = ReceiptStatus.SIGNED if number % 2 else ReceiptStatus.SENT
            make_receipt(document, cast.staff, status=status)
            make_receipt(document, cast.outsider)

    return add


def _everything(cast):
    def add(n):
        _tasks(cast)(n)
        _documents(cast)(n)
        for _ in range(n):
            _report(cast)
            CustodyFactory(holder=cast.staff, handed_over_by=cast.supervisor)

    return add


@pytest.mark.parametrize("role", ["staff", "supervisor"])
def test_my_duties(cast, login, role):
    pinned(login(getattr(cast, role)), reverse("duties:overview"), _everything(cast))


@pytest.mark.parametrize("role", ["staff", "supervisor"])
def test_the_tasks(cast, login, role):
    pinned(login(getattr(cast, role)), reverse("duties:task_list"), _tasks(cast))


@pytest.mark.parametrize("role", ["staff", "hr"])
def test_the_documents_and_their_receipts(cast, login, role):
    pinned(login(getattr(cast, role)), reverse("duties:document_list"), _documents(cast))


def test_the_documents_sent(cast, login):
    pinned(login(cast.hr), reverse("duties:document_sent"), _documents(cast))


@pytest.mark.parametrize("role", ["staff", "supervisor"])
def test_the_work_reports(cast, login, role):
    def add(n):
        for _ in range(n):
            _report(cast)

    pinned(login(getattr(cast, role)), reverse("duties:report_list"), add)


def test_the_property_in_custody(cast, login):
    def add(n):
        for _ in range(n):
            CustodyFactory(holder=cast.staff, handed_over_by=cast.supervisor)

    pinned(login(cast.staff), reverse("duties:custody_list"), add)


def test_todays_checklist(cast, login):
    pinned(login(cast.staff), reverse("duties:checklist_today"), _tasks(cast))
