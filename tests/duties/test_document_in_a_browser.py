"""One journey in Chromium: HR sends a document on a desktop; the staff member signs for it
on a phone and explains in writing why it cannot be carried out in full; HR replies; the
staff member reads the reply. Nothing on the phone is wider than the phone."""

from datetime import timedelta

import pytest
from django.utils import timezone

from duties.choices import ReceiptStatus
from duties.models import Receipt
from onsite.models import AuditEntry
from tests.conftest import PHONE
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SUBMIT = "main form[method=post] button[type=submit]"


def _log_in(page, username):
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("#login [type=submit]")
    page.wait_for_url("**/")


def _width(page):
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.rule("R2.3-sign-for-documents", "R2.3-written-exception")
def test_a_document_is_sent_signed_for_explained_and_the_reply_read(cast, new_page):
    seen = {}
    desk, phone = new_page(), new_page(phone=True)

    # HR sends the document to department A from the desktop.
    _log_in(desk, "hr")
    desk.goto("/duties/documents/new/")
    desk.fill("#id_title", "关于提前到岗的通知")
    desk.fill("#id_body", "重要会议期间，驻场人员须于会前一小时到岗。")
    deadline = timezone.localtime() + timedelta(days=2)
    desk.fill("#id_deadline", deadline.strftime("%Y-%m-%dT%H:%M"))
    desk.select_option("#id_departments", [str(cast.dept_a.pk)])
    desk.click(SUBMIT)
    desk.wait_for_url("**/duties/documents/*/")
    document_url = desk.url
    receipt = Receipt.objects.get(recipient=cast.staff)

    # The staff member finds it on the phone, signs for it, then explains in writing.
    _log_in(phone, "staff")
    phone.goto("/duties/documents/")
    phone.click("text=关于提前到岗的通知")
    phone.wait_for_url(f"**/duties/receipts/{receipt.pk}/")
    seen["list_width"] = _width(phone)
    phone.click("[data-action=sign]")
    phone.click(SUBMIT)
    phone.wait_for_url(f"**/duties/receipts/{receipt.pk}/")
    phone.click("[data-action=object]")
    phone.click(SUBMIT)  # an empty explanation is refused on the form
    seen["empty_refused"] = phone.locator(".invalid-feedback, .alert-danger").count() > 0
    phone.fill("#id_comment", "该会议当天甲方八点才开门，无法提前一小时到岗。")
    phone.click(SUBMIT)
    phone.wait_for_url(f"**/duties/receipts/{receipt.pk}/")
    seen["explanation"] = phone.locator("[data-testid=explanation]").inner_text()
    seen["receipt_width"] = _width(phone)

    # HR sees the objection among the receipts and replies.
    desk.goto(document_url + "receipts/?status=objected")
    desk.click(f"a[href='/duties/receipts/{receipt.pk}/']")
    desk.click("[data-action=reply]")
    desk.fill("#id_comment", "同意：甲方开门后立即到岗并调试。")
    desk.click(SUBMIT)
    desk.wait_for_url(f"**/duties/receipts/{receipt.pk}/")

    # The staff member reads the reply.
    phone.reload()
    seen["reply"] = phone.locator("[data-testid=reply]").inner_text()
    seen["reply_width"] = _width(phone)

    assert seen["empty_refused"]
    assert "八点才开门" in seen["explanation"]
    assert "甲方开门后立即到岗" in seen["reply"]
    assert max(seen["list_width"], seen["receipt_width"], seen["reply_width"]) <= PHONE["width"]
    receipt.refresh_from_db()
    assert receipt.status == ReceiptStatus.REPLIED and receipt.replied_by == cast.hr
    actions = AuditEntry.objects.filter(
        object_id=str(receipt.pk), action__startswith="duties.receipt"
    )
    assert sorted(actions.values_list("action", flat=True)) == [
        "duties.receipt.object",
        "duties.receipt.reply",
        "duties.receipt.sign",
    ]
