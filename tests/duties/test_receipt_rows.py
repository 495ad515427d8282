"""A document's receipts are written in Python: each row shows exactly what its row template
showed (kept in ``receipt_rows/``): every state, one deemed accepted, a recipient without a
profile, long and HTML-laden explanations and replies cut as the filter cut them, local time,
both languages."""

from datetime import datetime
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation

from duties.choices import ReceiptStatus
from duties.models import Receipt
from duties.views.receipt_rows import receipt_rows
from tests.duties.factories import DocumentFactory, make_receipt
from tests.factories import UserFactory
from tests.rows import tight

pytestmark = pytest.mark.django_db

ROW = Path(__file__).parent / "receipt_rows" / "receipt.html"
LONG = "<b>“人手” & 'x'</b> " + "本周人手不足" * 20


def test_each_receipt_row_shows_what_the_row_template_showed(cast):
    document = DocumentFactory(sender=cast.hr)
    moment = timezone.make_aware(datetime(2026, 11, 30, 23, 50))  # 15:50 UTC
    people = [UserFactory(roles=["staff"], department=cast.dept_a) for _ in ReceiptStatus]
    people[0].last_name = "<i>王&</i>"
    people[0].save()
    for person, state in zip(people, ReceiptStatus, strict=True):
        extra = {"explanation": LONG, "reply": LONG} if state == ReceiptStatus.REPLIED else {}
        if state == ReceiptStatus.DEEMED:
            extra["deemed_at"] = moment
        make_receipt(document, person, state, **extra)
    bare = get_user_model().objects.create(username="bare", first_name="无档案")
    make_receipt(document, bare, ReceiptStatus.SIGNED, signed_at=moment)
    receipts = list(Receipt.objects.select_related("recipient__profile__department").order_by("pk"))
    template = Template(ROW.read_text())
    for language in ("zh-hans", "en"):
        with translation.override(language):
            made = receipt_rows(receipts)
            for receipt, html in zip(receipts, made, strict=True):
                assert tight(html) == tight(template.render(Context({"receipt": receipt})))
    assert "&lt;i&gt;" in made[0] and "—" in made[0]
    replied = made[list(ReceiptStatus).index(ReceiptStatus.REPLIED)]
    assert "↳" in replied and "&lt;b&gt;" in replied and "…" in replied
    assert "11-30 23:50" in made[list(ReceiptStatus).index(ReceiptStatus.DEEMED)]
    assert "11-30 23:50" in made[-1]


def test_the_receipts_page_shows_its_rows(cast, login):
    document = DocumentFactory(sender=cast.hr)
    receipt = make_receipt(document, cast.staff, ReceiptStatus.SIGNED)
    page = login(cast.hr).get(reverse("duties:document_receipts", args=[document.pk]))
    assert page.status_code == 200
    assert reverse("duties:receipt_detail", args=[receipt.pk]) in page.content.decode()
