"""Registering and editing items; custody changes, search by reference, the history page."""

from datetime import date

import pytest
from django.urls import reverse

from archive import services
from archive.choices import Medium
from archive.models import Item
from onsite.models import AuditEntry, Notification
from tests.archive.factories import make_loan
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _form(cast, **changes):
    data = {
        "collection": cast.collection.pk,
        "title": "年度总结大会录像",
        "meeting": "年度总结大会",
        "event_date": "2026-11-20",
        "classification": 2,
        "medium": Medium.DRIVE,
        "location": "保密柜-3",
        "custodian": cast.custodian.pk,
        "retention_until": "2036-11-20",
        "description": "",
        "copies": 3,
    }
    data.update(changes)
    return data


@pytest.mark.rule("R2.4-archive-register")
def test_custodian_registers_an_item_with_its_copies(cast, login):
    response = login(cast.custodian).post(reverse("archive:item_create"), _form(cast))
    item = Item.objects.get()
    assert response.url == reverse("archive:item_detail", args=[item.pk])
    assert (item.title, item.classification, item.medium) == ("年度总结大会录像", 2, "drive")
    assert item.retention_until == date(2036, 11, 20) and item.registered_by == cast.custodian
    assert list(item.copies.values_list("number", flat=True)) == [1, 2, 3]
    assert AuditEntry.objects.filter(action="archive.item.register", actor=cast.custodian).exists()


@pytest.mark.rule("R2.4-recording-custodian")
def test_the_custodian_must_keep_the_collection(cast, login):
    stranger = UserFactory(roles=["custodian"])
    response = login(cast.custodian).post(
        reverse("archive:item_create"), _form(cast, custodian=stranger.pk)
    )
    assert response.status_code == 200 and response.context["form"].errors
    assert not Item.objects.exists()


def test_bad_dates_keep_what_was_typed(cast, login):
    response = login(cast.custodian).post(
        reverse("archive:item_create"), _form(cast, retention_until="2020-01-01")
    )
    assert "retention_until" in response.context["form"].errors
    assert "年度总结大会录像" in response.content.decode()
    assert not Item.objects.exists()


@pytest.mark.rule("R2.4-recording-custodian", "R2.4-recording-location")
def test_a_custody_change_is_in_the_history(cast, arc, login):
    second = UserFactory(username="keeper2", roles=["custodian"])
    cast.collection.custodians.add(second)
    client = login(cast.custodian)
    data = _form(cast, custodian=second.pk, title=arc.secret.title, location="保密柜-9")
    del data["collection"], data["copies"]
    response = client.post(reverse("archive:item_edit", args=[arc.secret.pk]), data)
    assert response.status_code == 302
    arc.secret.refresh_from_db()
    assert arc.secret.custodian == second and arc.secret.location == "保密柜-9"
    entry = AuditEntry.objects.get(action="archive.item.edit")
    assert "custodian: custodian → keeper2" in entry.comment
    assert "location: A-01 → 保密柜-9" in entry.comment
    told = set(Notification.objects.values_list("recipient__username", flat=True))
    assert told == {"custodian", "keeper2"}
    page = client.get(reverse("archive:item_history", args=[arc.secret.pk]))
    assert entry in page.context["events"]


def test_search_by_reference(cast, arc, login):
    client = login(cast.staff)
    response = client.get(reverse("archive:item_list"), {"q": arc.secret.reference})
    assert [item.pk for item in response.context["page"]] == [arc.secret.pk]
    response = client.get(reverse("archive:item_list"), {"q": arc.confidential.reference})
    assert list(response.context["page"]) == []  # above clearance: not even by reference


def test_history_shows_loans_audits_and_accesses(cast, arc, login):
    loan = make_loan(arc.secret, cast.staff, "returned")
    audit = services.start_audit(cast.custodian, cast.collection)
    services.mark_audit_line(cast.custodian, audit.lines.get(copy__item=arc.secret), "found")
    login(cast.staff).get(reverse("archive:item_detail", args=[arc.secret.pk]))
    response = login(cast.leader).get(reverse("archive:item_history", args=[arc.secret.pk]))
    context = response.context
    assert loan in context["loans"]
    assert [line.result for line in context["audit_lines"]] == ["found"]
    assert any(e.actor == cast.staff for e in context["accesses"])
    assert "实物核对" in response.content.decode()  # "Checked on the shelf", in Chinese


def test_staff_may_not_see_the_history(cast, arc, login):
    response = login(cast.staff).get(reverse("archive:item_history", args=[arc.secret.pk]))
    assert response.status_code == 403


def test_admin_grants_clearance_by_its_label(cast, login):
    response = login(cast.admin).get(reverse("admin:archive_collectionaccess_add"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "机密" in content and "公开" in content


def test_paging_keeps_the_filters(cast, login):
    from tests.archive.factories import ItemFactory

    for _ in range(30):
        ItemFactory(collection=cast.collection, custodian=cast.custodian, medium="tape")
    response = login(cast.custodian).get(
        reverse("archive:item_list"), {"medium": "tape", "q": "会议"}
    )
    content = response.content.decode()
    assert "?medium=tape&amp;q=%E4%BC%9A%E8%AE%AE&amp;page=2" in content
