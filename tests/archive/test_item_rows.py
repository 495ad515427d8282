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


def test_the_list_counts_only_the_kept_copies_of_each_item_on_its_page(cast, login):
    from django.urls import reverse

    from archive.models import Copy

    item = ItemFactory(collection=cast.collection, copies=3, title="三份拷贝")
    Copy.objects.filter(item=item, number=3).update(status=CopyStatus.DESTROYED)
    ItemFactory(collection=cast.collection, copies=1, title="一份拷贝")
    page = login(cast.custodian).get(reverse("archive:item_list")).content.decode()
    row = page[page.index("三份拷贝") :]
    cells = re.findall(r'<td class="d-none d-md-table-cell">([^<]*)</td>', row)
    assert cells[3] == "2"  # meeting, medium, location, then the kept copies
