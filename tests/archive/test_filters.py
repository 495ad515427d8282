"""The list filters (django-filter): the same query parameters as ever, and the registers
show exactly the rows of the list they were asked from."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from archive.choices import AuditResult, DestructionStatus, DiscrepancyStatus, LoanStatus
from archive.models import AuditLine, Destruction, Discrepancy, ShelfAudit
from tests.archive.factories import ItemFactory, make_loan

pytestmark = pytest.mark.django_db


def _pks(response):
    return sorted(row.pk for row in response.context["page"])


@pytest.fixture
def tape(cast):
    return ItemFactory(
        collection=cast.collection, custodian=cast.custodian, medium="tape", title="年会录像带"
    )


@pytest.mark.parametrize(
    "params",
    [{}, {"q": "录像"}, {"medium": "tape"}, {"q": "COL-00001"}, {"q": "录", "medium": "disc"}],
)
def test_the_item_register_has_exactly_the_rows_of_the_list(cast, arc, tape, login, params):
    client = login(cast.staff)
    listed = [
        item.reference for item in client.get(reverse("archive:item_list"), params).context["page"]
    ]
    response = client.get(reverse("archive:item_register", kwargs={"fmt": "xlsx"}), params)
    sheet = load_workbook(io.BytesIO(response.content)).active
    registered = [row[0] for row in list(sheet.iter_rows(values_only=True))[1:]]
    assert sorted(registered) == sorted(listed)


def test_a_reference_finds_its_item_in_any_case(cast, arc, login):
    client = login(cast.custodian)
    reference = arc.internal.reference.lower()
    response = client.get(reverse("archive:item_list"), {"q": reference})
    assert _pks(response) == [arc.internal.pk]


def test_an_unknown_collection_or_medium_is_ignored_not_an_error(cast, arc, login):
    client = login(cast.staff)
    response = client.get(reverse("archive:item_list"), {"collection": "999", "medium": "vinyl"})
    assert response.status_code == 200
    assert _pks(response) == sorted([arc.public.pk, arc.internal.pk, arc.secret.pk])


def test_a_collection_not_visible_cannot_be_chosen(cast, arc, login):
    other = ItemFactory(title="他库录像")
    response = login(cast.staff).get(
        reverse("archive:item_list"), {"collection": other.collection_id}
    )
    assert other.pk not in _pks(response)
    assert "他库录像" not in response.content.decode()


@pytest.fixture
def loans(cast, arc):
    borrower = cast.outsider
    late = timezone.localdate() - timedelta(days=1)
    return {
        "requested": make_loan(arc.public, borrower, LoanStatus.REQUESTED),
        "approved": make_loan(arc.internal, borrower, LoanStatus.APPROVED),
        "out": make_loan(arc.secret, borrower, LoanStatus.HANDED_OVER),
        "overdue": make_loan(arc.confidential, borrower, LoanStatus.HANDED_OVER, return_by=late),
        "returned": make_loan(
            ItemFactory(collection=cast.collection, custodian=cast.custodian),
            borrower,
            LoanStatus.RETURNED,
        ),
    }


@pytest.mark.parametrize(
    ("show", "expected"),
    [
        ("open", ["requested", "approved", "out", "overdue"]),
        (None, ["requested", "approved", "out", "overdue"]),  # the default
        ("nonsense", ["requested", "approved", "out", "overdue"]),  # falls back to it
        ("requested", ["requested"]),
        ("approved", ["approved"]),
        ("out", ["out", "overdue"]),
        ("overdue", ["overdue"]),
        ("all", ["requested", "approved", "out", "overdue", "returned"]),
    ],
)
def test_the_loan_queue_shows_what_is_asked(cast, loans, login, show, expected):
    params = {"show": show} if show else {}
    response = login(cast.custodian).get(reverse("archive:loan_queue"), params)
    assert _pks(response) == sorted(loans[name].pk for name in expected)


def _destruction(cast, status):
    return Destruction.objects.create(
        item=ItemFactory(collection=cast.collection, custodian=cast.custodian),
        reason="过期",
        method="shred",
        witness=cast.manager,
        planned_on=timezone.localdate(),
        proposed_by=cast.custodian,
        status=status,
    )


def test_destructions_are_shown_by_status_or_all(cast, login):
    proposed = _destruction(cast, DestructionStatus.PROPOSED)
    done = _destruction(cast, DestructionStatus.DONE)
    client = login(cast.leader)
    url = reverse("archive:destruction_list")
    assert _pks(client.get(url)) == sorted([proposed.pk, done.pk])
    assert _pks(client.get(url, {"show": "done"})) == [done.pk]
    assert _pks(client.get(url, {"show": ""})) == sorted([proposed.pk, done.pk])


def _discrepancy(cast, status):
    item = ItemFactory(collection=cast.collection, custodian=cast.custodian)
    audit = ShelfAudit.objects.create(collection=cast.collection, started_by=cast.custodian)
    line = AuditLine.objects.create(
        audit=audit, copy=item.copies.get(), expected_location="A", result=AuditResult.MISSING
    )
    return Discrepancy.objects.create(
        line=line, copy=line.copy, item=item, kind=AuditResult.MISSING, status=status
    )


def test_discrepancies_are_open_ones_unless_asked_otherwise(cast, login):
    open_one = _discrepancy(cast, DiscrepancyStatus.OPEN)
    resolved = _discrepancy(cast, DiscrepancyStatus.RESOLVED)
    client = login(cast.custodian)
    url = reverse("archive:discrepancy_list")
    assert _pks(client.get(url)) == [open_one.pk]
    assert _pks(client.get(url, {"show": "resolved"})) == [resolved.pk]
    assert _pks(client.get(url, {"show": "all"})) == sorted([open_one.pk, resolved.pk])


def test_the_access_log_is_searched_by_person_or_item(cast, arc, login):
    login(cast.staff).get(reverse("archive:item_detail", args=[arc.secret.pk]))
    login(cast.leader).get(reverse("archive:item_detail", args=[arc.internal.pk]))
    client = login(cast.custodian)
    url = reverse("archive:access_log")
    assert {e.actor for e in client.get(url, {"q": "staff"}).context["page"]} == {cast.staff}
    found = client.get(url, {"q": "内部录像"}).context["page"]
    assert {e.object_id for e in found} == {str(arc.internal.pk)}
