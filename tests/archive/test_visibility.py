"""Visibility matrix: granted / not granted / lower clearance, for list, search, detail,
download and export. Whoever may not see an item gets 404 and never its title or count."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from onsite.models import AuditEntry
from tests.archive.factories import GrantFactory, ItemFactory, make_file
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _titles_in_list(client, **params):
    response = client.get(reverse("archive:item_list"), params)
    assert response.status_code == 200
    return {item.title for item in response.context["page"]}


@pytest.mark.rule("R2.4-classified-shown-to-granted-only")
def test_granted_staff_see_items_up_to_their_clearance(cast, arc, login):
    client = login(cast.staff)
    assert _titles_in_list(client) == {"公开录像", "内部录像", "秘密录音"}


@pytest.mark.rule("R2.4-classified-shown-to-granted-only")
def test_lower_clearance_sees_only_the_lower_levels(cast, arc, login):
    client = login(cast.supervisor)
    assert _titles_in_list(client) == {"公开录像"}


@pytest.mark.rule("R2.4-classified-shown-to-granted-only")
def test_not_granted_sees_nothing_and_no_count(cast, arc, login):
    client = login(cast.outsider)
    response = client.get(reverse("archive:item_list"))
    assert list(response.context["page"]) == []
    content = response.content.decode()
    for title in ("公开录像", "内部录像", "秘密录音", "机密录像"):
        assert title not in content
    assert response.context["page"].paginator.count == 0


def test_custodian_and_leader_see_every_level_of_their_collection(cast, arc, login):
    for person in (cast.custodian, cast.leader):
        assert len(_titles_in_list(login(person))) == 4


def test_company_wide_roles_are_not_cleared_by_their_role(cast, arc, login):
    for person in (cast.hr, cast.vp, cast.admin):
        assert _titles_in_list(login(person)) == set()


def test_search_only_finds_visible_items(cast, arc, login):
    client = login(cast.staff)
    assert _titles_in_list(client, q="录像") == {"公开录像", "内部录像"}
    assert _titles_in_list(client, q="机密") == set()


def test_grant_on_another_collection_does_not_open_this_one(cast, arc, login):
    other = ItemFactory(classification=0, title="别的库录像")
    client = login(cast.staff)
    assert "别的库录像" not in _titles_in_list(client)
    assert client.get(reverse("archive:item_detail", args=[other.pk])).status_code == 404
    GrantFactory(user=cast.staff, collection=other.collection, clearance=0)
    assert client.get(reverse("archive:item_detail", args=[other.pk])).status_code == 200


@pytest.mark.parametrize(
    ("who", "level", "status"),
    [
        ("staff", "secret", 200),
        ("staff", "confidential", 404),
        ("supervisor", "public", 200),
        ("supervisor", "internal", 404),
        ("outsider", "public", 404),
        ("custodian", "confidential", 200),
        ("leader", "confidential", 200),
    ],
)
@pytest.mark.rule("R2.4-classified-shown-to-granted-only")
def test_detail_answers_404_above_clearance(cast, arc, login, who, level, status):
    item = getattr(arc, level)
    response = login(getattr(cast, who)).get(reverse("archive:item_detail", args=[item.pk]))
    assert response.status_code == status


@pytest.mark.parametrize(
    ("who", "level", "status"),
    [
        ("staff", "public", 200),
        ("supervisor", "public", 200),
        ("staff", "secret", 302),  # sees the card; the file needs a digital loan
        ("staff", "confidential", 404),
        ("supervisor", "internal", 404),
        ("outsider", "public", 404),
        ("custodian", "confidential", 302),  # keeping the collection is not borrowing
    ],
)
@pytest.mark.rule("R2.4-no-passing-on")
def test_download_answers_404_above_clearance_and_needs_a_loan_above_the_direct_level(
    cast, arc, login, who, level, status
):
    stored = make_file(getattr(arc, level))
    response = login(getattr(cast, who)).get(reverse("archive:file_download", args=[stored.pk]))
    assert response.status_code == status
    downloads = AuditEntry.objects.filter(action="archive.file.download")
    assert downloads.count() == (1 if status == 200 else 0)


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("staff", {"公开录像", "内部录像", "秘密录音"}),
        ("supervisor", {"公开录像"}),
        ("outsider", set()),
        ("custodian", {"公开录像", "内部录像", "秘密录音", "机密录像"}),
    ],
)
def test_excel_register_holds_only_visible_items(cast, arc, login, who, expected):
    response = login(getattr(cast, who)).get(
        reverse("archive:item_register", kwargs={"fmt": "xlsx"})
    )
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    titles = {row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert titles == expected


def test_pdf_register_holds_only_visible_items(cast, arc):
    from pypdf import PdfReader

    from archive.exports import queue_register
    from archive.models import RegisterExport
    from onsite import exports as onsite_exports

    export = queue_register(cast.supervisor, "items", {})
    onsite_exports.run(RegisterExport._meta.label, export.pk)
    export.refresh_from_db()
    content = export.file.read()
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert "公开录像" in text
    assert "内部录像" not in text and "机密录像" not in text


@pytest.mark.rule("R2.4-classified-shown-to-granted-only")
def test_reading_a_classified_item_is_audited_but_public_is_not(cast, arc, login):
    client = login(cast.staff)
    client.get(reverse("archive:item_detail", args=[arc.public.pk]))
    client.get(reverse("archive:item_detail", args=[arc.secret.pk]))
    views = AuditEntry.objects.filter(action="archive.item.view")
    assert [(v.actor, v.object_id) for v in views] == [(cast.staff, str(arc.secret.pk))]


def test_custodian_sees_who_looked_at_an_item(cast, arc, login):
    login(cast.staff).get(reverse("archive:item_detail", args=[arc.secret.pk]))
    response = login(cast.custodian).get(reverse("archive:item_history", args=[arc.secret.pk]))
    assert response.status_code == 200
    accesses = response.context["accesses"]
    assert any(e.actor == cast.staff and e.action == "archive.item.view" for e in accesses)
    assert "staff" in response.content.decode() or "张伟" in response.content.decode()


def test_settings_may_rename_the_levels(cast, arc, login, settings):
    settings.ARCHIVE_CLASSIFICATION_LEVELS = ["L0", "L1", "L2", "L3"]
    response = login(cast.staff).get(reverse("archive:item_detail", args=[arc.secret.pk]))
    assert "L2" in response.content.decode()


def test_access_log_lists_reads_of_the_custodians_collections_only(cast, arc, login):
    other = ItemFactory(classification=2, title="别的库录音")
    GrantFactory(user=cast.staff, collection=other.collection, clearance=2)
    client = login(cast.staff)
    client.get(reverse("archive:item_detail", args=[arc.secret.pk]))
    client.get(reverse("archive:item_detail", args=[other.pk]))
    response = login(cast.custodian).get(reverse("archive:access_log"))
    rows = list(response.context["page"])
    assert [(e.actor, e.object_id) for e in rows] == [(cast.staff, str(arc.secret.pk))]
    assert "别的库录音" not in response.content.decode()


def test_granted_staff_do_not_see_other_peoples_loans(cast, arc, login):
    from archive.choices import LoanStatus
    from tests.archive.factories import make_loan

    colleague = UserFactory(username="colleague", roles=["staff"], department=cast.dept_a)
    GrantFactory(user=colleague, collection=cast.collection, clearance=2)
    loan = make_loan(arc.secret, colleague, LoanStatus.HANDED_OVER)
    client = login(cast.staff)
    assert client.get(reverse("archive:loan_detail", args=[loan.pk])).status_code == 404
    assert client.get(reverse("archive:loan_receipt", args=[loan.pk])).status_code == 404
    response = client.get(reverse("archive:my_loans"))
    assert list(response.context["page"]) == []


def test_another_collections_custodian_sees_none_of_its_queues(cast, arc, login):
    from archive import services
    from archive.models import Destruction

    other_keeper = UserFactory(username="keeper2", roles=["custodian"])
    ItemFactory(custodian=other_keeper).collection.custodians.add(other_keeper)
    Destruction.objects.create(
        item=arc.public,
        reason="到期",
        method="shred",
        witness=cast.manager,
        planned_on=date(2026, 12, 1),
        proposed_by=cast.custodian,
    )
    audit = services.start_audit(cast.custodian, cast.collection)
    client = login(other_keeper)
    for name in ("archive:loan_queue", "archive:destruction_list", "archive:audit_list"):
        assert list(client.get(reverse(name)).context["page"]) == []
    assert client.get(reverse("archive:audit_detail", args=[audit.pk])).status_code == 404
    assert client.get(reverse("archive:item_detail", args=[arc.public.pk])).status_code == 404
