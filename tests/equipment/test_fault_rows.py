"""The fault list writes its rows in Python: each shows exactly what its row template showed
(kept in ``fault_rows/``): every state, HTML in a title and a device's name, local time,
both languages."""

from datetime import datetime
from pathlib import Path

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation

from equipment.choices import FaultStatus
from equipment.models import Fault
from equipment.views.fault_rows import fault_rows
from tests.rows import tight

pytestmark = pytest.mark.django_db

ROW = Path(__file__).parent / "fault_rows" / "fault.html"


def test_each_fault_row_shows_what_the_row_template_showed(cast, eq):
    eq.mixer.name = "<b>调音台 & 'x'</b>"
    eq.mixer.save()
    moment = timezone.make_aware(datetime(2026, 11, 30, 23, 50))  # 15:50 UTC
    for n, state in enumerate(FaultStatus):
        Fault.objects.create(
            equipment=eq.mixer if n % 2 else eq.pc1,
            title=f"<i>无信号</i> {n}",
            client_reported_at=moment,
            reported_by=cast.staff,
            status=state,
        )
    faults = list(
        Fault.objects.select_related("equipment__site", "equipment__venue").order_by("pk")
    )
    template = Template(ROW.read_text())
    for language in ("zh-hans", "en"):
        with translation.override(language):
            made = fault_rows(faults)
            for fault, html in zip(faults, made, strict=True):
                assert tight(html) == tight(template.render(Context({"fault": fault})))
    assert "11-30 23:50" in made[0] and "&lt;i&gt;" in made[0] and "&lt;b&gt;" in made[1]


def test_the_fault_list_shows_its_rows(cast, eq, login):
    fault = Fault.objects.create(
        equipment=eq.pc1, title="投影仪无信号", client_reported_at=timezone.now(),
        reported_by=cast.staff,
    )  # fmt: skip
    html = login(cast.staff).get(reverse("equipment:fault_list")).content.decode()
    assert reverse("equipment:fault_detail", args=[fault.pk]) in html and "投影仪无信号" in html
