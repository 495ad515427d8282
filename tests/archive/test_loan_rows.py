"""My loans and the loan queue write their rows in Python: each shows exactly what the row
template showed (kept in ``loan_rows/``): a loan without a copy, a digital one, an overdue
one, a title withheld from a borrower cleared lower since, HTML in names and titles."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone, translation

from archive.choices import LoanStatus
from archive.models import Loan
from archive.views.loan_rows import loan_rows
from tests.archive.factories import ItemFactory, make_digital_loan, make_loan

pytestmark = pytest.mark.django_db

ROW = Path(__file__).parent / "loan_rows" / "loan.html"


def tight(html):
    return re.sub(r">\s+<", "><", str(html)).strip()


def test_each_loan_row_shows_what_the_row_template_showed(cast, arc):
    today = timezone.localdate()
    cast.staff.last_name = "<b>张&</b>"
    cast.staff.save()
    odd = ItemFactory(collection=cast.collection, classification=0, title="<i>“录像” & 'x'</i>")
    make_loan(arc.public, cast.staff)  # requested: no copy yet
    make_loan(odd, cast.staff, LoanStatus.HANDED_OVER, return_by=today - timedelta(days=1))
    make_loan(arc.internal, cast.staff, LoanStatus.HANDED_OVER)
    make_loan(arc.secret, cast.staff, LoanStatus.RETURNED)
    make_digital_loan(arc.internal, cast.staff)
    make_loan(arc.confidential, cast.staff, LoanStatus.REJECTED)  # above the staff's clearance
    loans = list(Loan.objects.select_related("item__collection", "borrower", "copy").order_by("pk"))
    template = Template(ROW.read_text())
    for viewer, queue in ((cast.staff, False), (cast.custodian, True)):
        request = RequestFactory().get("/")
        request.user = viewer
        for language in ("zh-hans", "en"):
            with translation.override(language):
                rows = loan_rows(loans, viewer, today, queue=queue)
                for loan, made in zip(loans, rows, strict=True):
                    context = {"loan": loan, "queue": queue, "today": today, "request": request}
                    assert tight(made) == tight(template.render(Context(context)))
    mine = loan_rows(loans, cast.staff, today, queue=False)
    assert "—" in mine[0] and "text-bg-danger" in mine[1] and "bi-file-earmark-lock" in mine[4]
    assert "&lt;i&gt;" in mine[1] and "<i>“" not in mine[1]
    assert arc.confidential.title not in mine[5] and arc.confidential.reference in mine[5]
    queue = loan_rows(loans, cast.custodian, today, queue=True)
    assert "&lt;b&gt;" in queue[0] and arc.confidential.title in queue[5]
