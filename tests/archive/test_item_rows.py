"""The item list writes its rows in Python: it shows exactly what its row template showed
(kept in ``item_rows/``), for every classification, a destroyed item and HTML in texts."""

import re
from pathlib import Path

import pytest
from django.db.models import Count, Q
from django.template import Context, Template
from django.utils import translation

from archive.choices import CopyStatus, ItemStatus
from archive.models import Item
from archive.views.item_rows import item_rows
from tests.archive.factories import ItemFactory

pytestmark = pytest.mark.django_db

ROW = Path(__file__).parent / "item_rows" / "item.html"


def tight(html):
    return re.sub(r">\s+<", "><", str(html)).strip()


def test_each_item_row_shows_what_the_row_template_showed(cast):
    for level in (0, 1, 2, 3):
        ItemFactory(collection=cast.collection, classification=level, copies=2)
    ItemFactory(
        collection=cast.collection,
        title="<b>“机密” & 'x'</b>",
        meeting="<script>会</script>",
        location="A&B",
        status=ItemStatus.DESTROYED,
    )
    items = list(
        Item.objects.select_related("collection", "custodian")
        .annotate(kept_copies=Count("copies", filter=Q(copies__status=CopyStatus.KEPT)))
        .order_by("pk")
    )
    template = Template(ROW.read_text())
    with translation.override("zh-hans"):
        rows = item_rows(items)
        for item, made in zip(items, rows, strict=True):
            assert tight(made) == tight(template.render(Context({"item": item})))
    assert "text-bg-danger" in str(rows[3]) and 'class="text-body-secondary"' in str(rows[4])
    assert "&lt;script&gt;" in str(rows[4]) and "<script>" not in str(rows[4])
