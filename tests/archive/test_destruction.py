"""Destruction: proposed by the custodian, approved by the leader, carried out in front of
a witness; the records stay forever even when the item is gone."""

import os
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from archive import services
from archive.choices import (
    DESTRUCTION,
    CopyStatus,
    DestructionStatus,
    HoldStatus,
    ItemStatus,
    LoanStatus,
)
from archive.models import Copy, Destruction, Item, ItemFile
from onsite.models import AuditEntry, Notification
from onsite.workflow import WorkflowError
from tests.archive.factories import (
    ItemFactory,
    make_digital_loan,
    make_file,
    make_hold,
    make_loan,
)
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _propose(cast, item, copy=None):
    return services.propose_destruction(
        cast.custodian,
        item,
        copy=copy,
        reason="超过保存期限",
        method="shred",
        witness=cast.manager,
        planned_on=timezone.localdate() + timedelta(days=2),
    )


@pytest.mark.rule("R2.4-destroy-when-needed")
def test_whole_item_destruction_keeps_every_record(
    cast, arc, login, django_capture_on_commit_callbacks
):
    stored = make_file(arc.secret)
    path = stored.file.path
    record = _propose(cast, arc.secret)
    assert Notification.objects.filter(recipient=cast.leader).exists()
    client = login(cast.leader)
    client.post(
        reverse("archive:destruction_action", args=[record.pk, "approve"]), {"comment": "同意"}
    )
    client = login(cast.custodian)
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("archive:destruction_action", args=[record.pk, "carry_out"]),
            {
                "destroyed_on": today.isoformat(),
                "witness_statement": "见证人陈静在场,粉碎完毕",
                "witness_password": PASSWORD,
            },
        )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == DestructionStatus.DONE and record.destroyed_on == today
    assert record.carried_out_by == cast.custodian and record.witness == cast.manager
    assert record.witness_confirmed_at is not None
    item = Item.objects.get(pk=arc.secret.pk)
    assert item.status == ItemStatus.DESTROYED
    assert set(item.copies.values_list("status", flat=True)) == {CopyStatus.DESTROYED}
    stored = ItemFile.objects.get(pk=stored.pk)
    assert stored.erased_at is not None and stored.sha256
    assert not os.path.exists(path)
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "archive.destruction.propose",
        "archive.destruction.approve",
        "archive.destruction.carry_out",
        "archive.item.destroy",
    } <= actions
    # The record and the item stay readable for those cleared.
    assert client.get(reverse("archive:destruction_detail", args=[record.pk])).status_code == 200
    assert login(cast.staff).get(reverse("archive:item_detail", args=[item.pk])).status_code == 200


@pytest.mark.rule("R2.4-destroy-when-needed")
def test_destroying_one_copy_keeps_the_item(cast):
    item = ItemFactory(collection=cast.collection, custodian=cast.custodian, copies=2)
    copy = item.copies.get(number=2)
    record = _propose(cast, item, copy)
    services.approve_destruction(cast.leader, record)
    services.carry_out_destruction(
        cast.custodian,
        record,
        destroyed_on=timezone.localdate(),
        witness_statement="已消磁",
        witness_password=PASSWORD,
    )
    item.refresh_from_db()
    assert item.status == ItemStatus.KEPT
    assert Copy.objects.get(pk=copy.pk).status == CopyStatus.DESTROYED
    assert Copy.objects.get(item=item, number=1).status == CopyStatus.KEPT


@pytest.mark.rule("R2.4-destruction-approval")
def test_destruction_needs_the_leaders_approval_first(cast, arc):
    record = _propose(cast, arc.public)
    with pytest.raises(WorkflowError):
        services.carry_out_destruction(
            cast.custodian,
            record,
            destroyed_on=timezone.localdate(),
            witness_statement="x",
            witness_password=PASSWORD,
        )
    with pytest.raises(PermissionDenied):
        services.approve_destruction(cast.custodian, record)
    with pytest.raises(WorkflowError):
        services.reject_destruction(cast.leader, record, "")
    services.reject_destruction(cast.leader, record, "仍需保存")
    record.refresh_from_db()
    assert record.status == DestructionStatus.REJECTED
    with pytest.raises(WorkflowError):
        services.approve_destruction(cast.leader, record)


@pytest.mark.rule("R2.4-destroy-when-needed")
def test_a_copy_on_loan_cannot_be_destroyed_nor_is_it_offered(cast, arc):
    make_loan(arc.public, cast.staff, LoanStatus.HANDED_OVER)
    record = _propose(cast, arc.public)
    services.approve_destruction(cast.leader, record)
    assert "carry_out" not in [a.name for a in DESTRUCTION.actions_for(cast.custodian, record)]
    with pytest.raises(WorkflowError, match="loan|借"):
        services.carry_out_destruction(
            cast.custodian,
            record,
            destroyed_on=timezone.localdate(),
            witness_statement="x",
            witness_password=PASSWORD,
        )
    assert Destruction.objects.get(pk=record.pk).status == DestructionStatus.APPROVED


@pytest.mark.rule("R2.4-destruction-witnessed")
def test_the_witness_is_another_person(cast, arc):
    with pytest.raises(WorkflowError):
        services.propose_destruction(
            cast.custodian,
            arc.public,
            reason="x",
            method="shred",
            witness=cast.custodian,
            planned_on=timezone.localdate(),
        )


@pytest.mark.rule("R2.4-destruction-witnessed")
def test_the_witness_confirms_with_their_own_password(cast, arc):
    record = _propose(cast, arc.public)
    services.approve_destruction(cast.leader, record)
    for wrong in ("", "guess"):
        with pytest.raises(WorkflowError):
            services.carry_out_destruction(
                cast.custodian,
                record,
                destroyed_on=timezone.localdate(),
                witness_statement="粉碎",
                witness_password=wrong,
            )
    record.refresh_from_db()
    assert record.status == DestructionStatus.APPROVED and record.witness_confirmed_at is None


def test_custodian_proposes_through_the_form(cast, arc, login):
    response = login(cast.custodian).post(
        reverse("archive:destruction_propose", args=[arc.secret.pk]),
        {
            "copy": "",
            "reason": "保存期满",
            "method": "degauss",
            "witness": cast.manager.pk,
            "planned_on": timezone.localdate().isoformat(),
        },
    )
    record = Destruction.objects.get()
    assert response.url == reverse("archive:destruction_detail", args=[record.pk])
    assert (record.item, record.copy, record.method) == (arc.secret, None, "degauss")
    assert record.proposed_by == cast.custodian and record.status == DestructionStatus.PROPOSED


def test_leader_rejects_through_the_page_with_a_reason(cast, arc, login):
    record = _propose(cast, arc.public)
    client = login(cast.leader)
    url = reverse("archive:destruction_action", args=[record.pk, "reject"])
    assert client.post(url, {"comment": ""}).status_code == 400  # a reason is required
    assert client.post(url, {"comment": "仍在保存期内"}).status_code == 302
    record.refresh_from_db()
    assert record.status == DestructionStatus.REJECTED and record.decided_by == cast.leader
    assert Notification.objects.filter(recipient=cast.custodian).exists()


def _carry_out(cast, record):
    return services.carry_out_destruction(
        cast.custodian,
        record,
        destroyed_on=timezone.localdate(),
        witness_statement="当面粉碎",
        witness_password=PASSWORD,
    )


@pytest.mark.rule("R2.4-destroy-when-needed")
def test_destroying_the_last_copy_closes_the_item_and_cancels_waiting_requests(cast, arc):
    waiting = make_loan(arc.public, cast.staff, LoanStatus.REQUESTED)
    record = _propose(cast, arc.public)
    services.approve_destruction(cast.leader, record)
    _carry_out(cast, record)
    waiting.refresh_from_db()
    assert waiting.status == LoanStatus.CANCELLED
    entry = AuditEntry.objects.get(action="archive.item.destroy")
    assert (entry.from_state, entry.to_state) == (ItemStatus.KEPT, ItemStatus.DESTROYED)
    assert entry.actor == cast.custodian
    assert AuditEntry.objects.filter(action="archive.loan.cancel", actor=cast.custodian).exists()


@pytest.mark.rule("R2.4-destroy-when-needed")
def test_an_item_is_not_closed_while_a_copy_is_kept(cast):
    item = ItemFactory(collection=cast.collection, custodian=cast.custodian, copies=2)
    item.copies.filter(number=1).update(status=CopyStatus.DESTROYED)
    with pytest.raises(WorkflowError):
        services.destroy_item(cast.custodian, item)
    with pytest.raises(PermissionDenied):
        services.destroy_item(cast.leader, item)  # only its custodians close an item
    item.refresh_from_db()
    assert item.status == ItemStatus.KEPT
    assert not AuditEntry.objects.filter(action="archive.item.destroy").exists()


@pytest.mark.rule("R2.4-destroy-when-needed")
def test_destroying_the_item_ends_its_digital_loans_and_closes_its_queue(cast, arc):
    make_file(arc.secret)
    requested = make_digital_loan(arc.secret, cast.supervisor, LoanStatus.REQUESTED)
    open_now = make_digital_loan(arc.secret, cast.staff, LoanStatus.ACCESS)
    queued = make_hold(arc.secret, cast.manager)
    record = _propose(cast, arc.secret)
    services.approve_destruction(cast.leader, record)
    _carry_out(cast, record)
    requested.refresh_from_db()
    open_now.refresh_from_db()
    queued.refresh_from_db()
    assert requested.status == LoanStatus.CANCELLED
    assert open_now.status == LoanStatus.REVOKED
    assert queued.status == HoldStatus.CANCELLED
    assert ItemFile.objects.get(item=arc.secret).erased_at is not None


def test_a_copy_kept_for_the_queue_is_not_destroyed(cast, arc):
    copy = arc.internal.copies.get()
    make_hold(arc.internal, cast.staff, HoldStatus.OFFERED, copy=copy)
    record = _propose(cast, arc.internal, copy=copy)
    services.approve_destruction(cast.leader, record)
    with pytest.raises(WorkflowError):
        _carry_out(cast, record)
    assert Copy.objects.get(pk=copy.pk).status == CopyStatus.KEPT
