"""Words of the Chinese pages: no English or field names in an audit line, and the return
form says what the return confirms (not the hand-over's sentence)."""

import re

import pytest
from django.urls import reverse

from archive.choices import LoanStatus
from onsite.models import AuditEntry
from tests.archive.factories import make_loan

pytestmark = pytest.mark.django_db


def test_a_refused_signature_reads_in_chinese_without_field_names(cast, arc, login):
    loan = make_loan(arc.secret, cast.staff, LoanStatus.APPROVED)
    client = login(cast.custodian)
    response = client.post(
        reverse("archive:loan_hand_over", args=[loan.pk]),
        {
            "copy_code": loan.copy.code,
            "method": "password",
            "password": "猜的",
            "condition": "good",
        },
    )
    assert response.status_code == 400
    entry = AuditEntry.objects.get(action="archive.loan.signing_refused")
    assert entry.comment == "重新输入密码：张伟 的密码不正确。"
    page = client.get(loan.get_absolute_url()).content.decode()
    history = page[page.index('data-testid="history"') :]
    assert "签字被拒绝" in history and "重新输入密码：张伟 的密码不正确。" in history
    assert not re.search(r"password|drawn", history)


def test_the_return_form_does_not_repeat_the_hand_over_sentence(cast, arc, login):
    loan = make_loan(arc.secret, cast.staff, LoanStatus.HANDED_OVER)
    client = login(cast.custodian)
    back = client.get(reverse("archive:loan_return", args=[loan.pk])).content.decode()
    assert "即确认已领取档案" not in back
    assert "即确认已按所记录的状况将档案交还保管专人" in back
    loan_out = make_loan(arc.internal, cast.staff, LoanStatus.APPROVED)
    out = client.get(reverse("archive:loan_hand_over", args=[loan_out.pk])).content.decode()
    assert "即确认已领取档案" in out
