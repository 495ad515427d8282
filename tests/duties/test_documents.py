"""Company documents: sent, signed for, answered or explained, replied, deemed accepted at the
deadline (not a minute before, once), revised, withdrawn; who sees what."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from duties.choices import DocumentStatus, ReceiptStatus
from duties.models import Receipt
from duties.services import documents as service
from onsite.models import AuditEntry, Notification
from onsite.workflow import WorkflowError
from tests.duties.factories import DocumentFactory, attach, make_receipt


def _send(cast, **kwargs):
    fields = {
        "title": "关于加强会议保障的通知",
        "body": "各驻场人员须于会前一小时到岗。",
        "deadline": timezone.now() + timedelta(days=2),
    }
    fields.update(kwargs)
    return service.send_document(cast.hr, **fields)


def _receipt(document, person):
    return Receipt.objects.get(document=document, recipient=person)


@pytest.mark.rule("R2.3-sign-for-documents")
def test_hr_sends_to_a_department_and_a_site_and_each_person_reached_gets_one_receipt(cast):
    document = _send(cast, departments=[cast.dept_a], sites=[cast.site], people=[cast.vp])
    reached = set(document.receipts.values_list("recipient__username", flat=True))
    assert reached == {"staff", "supervisor", "manager", "custodian", "vp"}
    assert document.status == DocumentStatus.SENT
    assert AuditEntry.objects.filter(action="duties.document.send").count() == 1
    told = set(Notification.objects.values_list("recipient__username", flat=True))
    assert told == reached


def test_a_supervisor_reaches_only_the_people_of_their_departments(cast):
    document = service.send_document(
        cast.supervisor,
        title="本周值班安排",
        body="见附件。",
        deadline=timezone.now() + timedelta(days=1),
        people=[cast.staff, cast.outsider],
    )
    assert list(document.receipts.values_list("recipient__username", flat=True)) == ["staff"]


def test_nobody_reachable_sends_nothing(cast):
    with pytest.raises(WorkflowError):
        service.send_document(
            cast.supervisor,
            title="无人可达",
            body="……",
            deadline=timezone.now() + timedelta(days=1),
            people=[cast.outsider],
        )
    assert not Receipt.objects.exists()


def test_staff_and_the_vice_president_cannot_send(cast):
    for person in (cast.staff, cast.vp):
        with pytest.raises(PermissionDenied):
            service.send_document(
                person, title="x", body="y", deadline=timezone.now() + timedelta(days=1)
            )


@pytest.mark.rule("R2.3-sign-for-documents", "R2.3-answer-documents")
def test_the_recipient_signs_then_will_carry_it_out(cast):
    document = _send(cast, people=[cast.staff])
    receipt = _receipt(document, cast.staff)
    with pytest.raises(WorkflowError):
        service.accept_receipt(cast.staff, receipt)  # sign first
    service.sign_receipt(cast.staff, receipt)
    service.accept_receipt(cast.staff, receipt, comment="照办")
    receipt.refresh_from_db()
    assert receipt.status == ReceiptStatus.ACCEPTED
    assert receipt.signed_at and receipt.answered_at and receipt.answer_note == "照办"
    actions = list(
        AuditEntry.objects.filter(object_id=str(receipt.pk), action__startswith="duties.receipt")
        .order_by("pk")
        .values_list("action", "actor__username")
    )
    assert actions == [("duties.receipt.sign", "staff"), ("duties.receipt.accept", "staff")]


def test_only_the_recipient_signs_and_answers(cast):
    document = _send(cast, people=[cast.staff])
    receipt = _receipt(document, cast.staff)
    for person in (cast.supervisor, cast.hr, cast.outsider):
        with pytest.raises(PermissionDenied):
            service.sign_receipt(person, receipt)


@pytest.mark.rule("R2.3-written-exception")
def test_an_objection_needs_a_written_explanation_and_the_sender_replies(cast):
    document = _send(cast, people=[cast.staff])
    receipt = _receipt(document, cast.staff)
    service.sign_receipt(cast.staff, receipt)
    with pytest.raises(WorkflowError):
        service.object_to_receipt(cast.staff, receipt, comment="  ")
    service.object_to_receipt(cast.staff, receipt, comment="甲方当天另有安排，无法提前一小时到岗。")
    receipt.refresh_from_db()
    assert receipt.status == ReceiptStatus.OBJECTED
    assert receipt.explanation.startswith("甲方当天")
    assert Notification.objects.filter(recipient=cast.hr, title__contains="关于加强").exists()
    with pytest.raises(PermissionDenied):
        service.reply_to_receipt(cast.supervisor, receipt, comment="同意")
    service.reply_to_receipt(cast.hr, receipt, comment="同意，改为提前半小时。")
    receipt.refresh_from_db()
    assert receipt.status == ReceiptStatus.REPLIED
    assert receipt.reply == "同意，改为提前半小时。" and receipt.replied_by == cast.hr
    reply_note = Notification.objects.filter(recipient=cast.staff).order_by("-pk").first()
    assert reply_note.body == "同意，改为提前半小时。"
    assert reply_note.url == receipt.get_absolute_url()


@pytest.mark.rule("R2.3-deemed-accepted")
def test_a_silent_recipient_is_deemed_to_accept_at_the_deadline_not_one_minute_before(cast):
    deadline = timezone.now() + timedelta(hours=3)
    document = DocumentFactory(sender=cast.hr, deadline=deadline)
    unsigned = make_receipt(document, cast.staff)
    signed_only = make_receipt(document, cast.supervisor, ReceiptStatus.SIGNED)
    accepted = make_receipt(document, cast.manager, ReceiptStatus.ACCEPTED)
    objected = make_receipt(document, cast.custodian, ReceiptStatus.OBJECTED)

    assert service.deem_silent_receipts(deadline - timedelta(minutes=1)) == 0
    unsigned.refresh_from_db()
    assert unsigned.status == ReceiptStatus.SENT

    assert service.deem_silent_receipts(deadline) == 2
    for receipt in (unsigned, signed_only, accepted, objected):
        receipt.refresh_from_db()
    assert unsigned.status == signed_only.status == ReceiptStatus.DEEMED
    assert unsigned.deemed_at == deadline
    assert accepted.status == ReceiptStatus.ACCEPTED
    assert objected.status == ReceiptStatus.OBJECTED
    entries = AuditEntry.objects.filter(action="duties.receipt.deem")
    assert sorted(entries.values_list("from_state", flat=True)) == ["sent", "signed"]
    assert all(entry.actor_id is None for entry in entries)
    told = Notification.objects.filter(title__contains=document.title)
    assert set(told.values_list("recipient__username", flat=True)) == {"staff", "supervisor"}

    assert service.deem_silent_receipts(deadline + timedelta(hours=1)) == 0  # exactly once
    assert AuditEntry.objects.filter(action="duties.receipt.deem").count() == 2


@pytest.mark.rule("R2.3-deemed-accepted")
def test_an_explanation_after_the_deadline_is_refused(cast, time_machine):
    document = _send(cast, people=[cast.staff])
    receipt = _receipt(document, cast.staff)
    service.sign_receipt(cast.staff, receipt)
    time_machine.move_to(document.deadline + timedelta(seconds=1))
    with pytest.raises(WorkflowError):
        service.object_to_receipt(cast.staff, receipt, comment="来不及了")


@pytest.mark.rule("R2.3-sign-for-documents", "R2.3-answer-documents")
def test_a_revised_document_asks_everyone_again(cast):
    document = _send(cast, people=[cast.staff, cast.supervisor])
    first = _receipt(document, cast.staff)
    service.sign_receipt(cast.staff, first)
    service.object_to_receipt(cast.staff, first, comment="做不到")
    new_deadline = timezone.now() + timedelta(days=5)
    service.revise_document(
        cast.hr, document, body="改为提前半小时到岗。", deadline=new_deadline, comment="时间调整"
    )
    document.refresh_from_db()
    assert document.revision == 2
    for receipt in document.receipts.all():
        assert receipt.status == ReceiptStatus.SENT
        assert receipt.revision == 2 and receipt.explanation == "" and receipt.signed_at is None
    assert Notification.objects.filter(body="时间调整").count() == 2
    # The old deadline no longer counts: nothing is deemed before the new one.
    assert service.deem_silent_receipts(new_deadline - timedelta(minutes=1)) == 0


def test_a_withdrawn_document_is_neither_signed_nor_deemed(cast):
    document = _send(cast, people=[cast.staff])
    service.withdraw_document(cast.hr, document, comment="发错了")
    receipt = _receipt(document, cast.staff)
    with pytest.raises(PermissionDenied):
        service.sign_receipt(cast.staff, receipt)
    assert service.deem_silent_receipts(document.deadline + timedelta(days=1)) == 0


def test_staff_see_the_documents_of_their_site_and_outsiders_get_404(cast, login):
    document = DocumentFactory(sender=cast.hr)
    document.sites.add(cast.site)
    make_receipt(document, cast.supervisor)
    url = reverse("duties:document_detail", args=[document.pk])
    assert login(cast.staff).get(url).status_code == 200  # stationed at the addressed site
    assert login(cast.outsider).get(url).status_code == 404
    assert login(cast.vp).get(url).status_code == 404


def test_the_sender_sees_who_signed_answered_and_objected(cast, login):
    document = DocumentFactory(sender=cast.hr, title="安全检查通知")
    make_receipt(document, cast.staff, ReceiptStatus.OBJECTED)
    make_receipt(document, cast.supervisor, ReceiptStatus.ACCEPTED)
    make_receipt(document, cast.manager)
    page = login(cast.hr).get(reverse("duties:document_receipts", args=[document.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "本周人手不足" in text  # the written explanation
    assert text.count('data-status="objected"') == 1
    assert text.count('data-status="accepted"') == 1
    assert text.count('data-status="sent"') == 1
    only = login(cast.hr).get(
        reverse("duties:document_receipts", args=[document.pk]), {"status": "objected"}
    )
    assert only.content.decode().count("<tr data-status=") == 1


def test_a_supervisor_follows_only_their_peoples_receipts(cast, login):
    document = DocumentFactory(sender=cast.hr)
    make_receipt(document, cast.staff)
    make_receipt(document, cast.outsider)
    page = login(cast.supervisor).get(reverse("duties:document_receipts", args=[document.pk]))
    assert page.status_code == 200
    assert page.content.decode().count('<tr data-status="sent"') == 1


def test_sending_through_the_page_with_an_attachment(cast, login, settings):
    client = login(cast.hr)
    upload = SimpleUploadedFile("通知.pdf", b"%PDF-1.4 secret notice", "application/pdf")
    response = client.post(
        reverse("duties:document_create"),
        {
            "title": "机密会议保障通知",
            "kind": "document",
            "body": "",
            "attachment": upload,
            "classification": "2",
            "deadline": (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
            "departments": [cast.dept_a.pk],
        },
    )
    assert response.status_code == 302
    receipt = Receipt.objects.get(recipient=cast.staff)
    assert receipt.document.sha256 and receipt.document.classification == 2


@pytest.mark.rule("R2.3-company-documents-safekeeping")
def test_opening_a_classified_attachment_is_audited_and_a_tampered_file_refused(cast, login):
    document = attach(DocumentFactory(sender=cast.hr, classification=2))
    make_receipt(document, cast.staff)
    url = reverse("duties:attachment", args=["document", document.pk])
    response = login(cast.staff).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 notice"
    opened = AuditEntry.objects.get(action="duties.attachment.open")
    assert opened.actor == cast.staff and opened.object_id == str(document.pk)
    with document.file.storage.open(document.file.name, "wb") as stored:
        stored.write(b"changed")
    refused = login(cast.staff).get(url)
    assert refused.status_code == 302
    assert AuditEntry.objects.filter(action="duties.attachment.checksum_mismatch").exists()
    assert login(cast.outsider).get(url).status_code == 404


def test_an_unclassified_attachment_is_opened_without_an_audit_entry(cast, login):
    document = attach(DocumentFactory(sender=cast.hr, classification=0))
    make_receipt(document, cast.staff)
    url = reverse("duties:attachment", args=["document", document.pk])
    assert login(cast.staff).get(url).status_code == 200
    assert not AuditEntry.objects.filter(action="duties.attachment.open").exists()


def test_a_get_never_signs_and_a_post_does(cast, login):
    document = DocumentFactory(sender=cast.hr)
    receipt = make_receipt(document, cast.staff)
    client = login(cast.staff)
    url = reverse("duties:receipt_action", args=[receipt.pk, "sign"])
    assert client.get(url).status_code == 200
    receipt.refresh_from_db()
    assert receipt.status == ReceiptStatus.SENT
    assert client.post(url).status_code == 302
    receipt.refresh_from_db()
    assert receipt.status == ReceiptStatus.SIGNED
