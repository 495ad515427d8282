"""Inventory import: a preview with a row-by-row error report; nothing saved unless every row
is valid; a good file saves every row through the services. Export in the same columns."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from equipment.models import Equipment
from onsite.models import AuditEntry
from tests.factories import SiteFactory

HEADER = [
    "site",
    "venue",
    "room",
    "name",
    "kind",
    "brand",
    "model",
    "serial",
    "installed_on",
    "warranty_until",
    "responsible",
    "configuration",
]


def csv_file(rows, name="inventory.csv"):
    lines = [",".join(HEADER)] + [",".join(row) for row in rows]
    return SimpleUploadedFile(name, "\n".join(lines).encode("utf-8-sig"), content_type="text/csv")


def xlsx_file(rows):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("inventory.xlsx", out.getvalue())


def good_row(cast, n, **changes):
    row = dict(
        zip(
            HEADER,
            [
                "SITE",
                cast.venue.name,
                "B1",
                f"电脑{n}",
                "computer",
                "联想",
                "M720",
                f"IMP-{n}",
                "2026-01-05",
                "2029-01-04",
                "staff",
                "",
            ],
            strict=True,
        )
    )
    row.update(changes)
    return [row[h] for h in HEADER]


@pytest.mark.rule("R1-equipment-records")
def test_a_file_with_bad_rows_is_previewed_with_each_error_and_nothing_is_saved(
    cast, login, english
):
    SiteFactory(code="FAR")
    rows = [
        good_row(cast, 1),
        good_row(cast, 2, site="NOPE"),
        good_row(cast, 3, kind="toaster"),
        good_row(cast, 4, installed_on="05/01/2026"),
        good_row(cast, 5, site="FAR", venue=""),
        good_row(cast, 6, responsible="nobody"),
    ]
    response = login(cast.supervisor).post(reverse("equipment:import"), {"file": csv_file(rows)})
    assert response.status_code == 200
    report = response.context["report"]
    assert not report.valid and not response.context["token"]
    errors = {row.line: " ".join(row.messages) for row in report.rows}
    assert errors[2] == ""
    assert "没有代码为 NOPE 的派驻单位" in errors[3]
    assert "未知类型 toaster" in errors[4]
    assert "installed_on" in errors[5]
    assert "您不在" in errors[6]
    assert "nobody" in errors[7]
    assert not Equipment.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="equipment.").exists()


def test_a_good_file_is_previewed_then_saves_every_row(cast, login):
    client = login(cast.supervisor)
    rows = [good_row(cast, n) for n in range(1, 6)]
    response = client.post(reverse("equipment:import"), {"file": xlsx_file(rows)})
    assert response.context["report"].valid
    assert not Equipment.objects.exists()  # a preview saves nothing
    token = response.context["token"]
    response = client.post(reverse("equipment:import_confirm"), {"token": token})
    assert response.status_code == 302
    assert Equipment.objects.count() == 5
    device = Equipment.objects.get(serial="IMP-3")
    assert device.venue == cast.venue and device.responsible == cast.staff
    assert AuditEntry.objects.filter(action="equipment.equipment.register").count() == 5
    # The same file again updates instead of duplicating; a confirm replayed is refused.
    assert client.post(reverse("equipment:import_confirm"), {"token": token}).status_code == 302
    assert Equipment.objects.count() == 5


def test_the_export_reimports_and_updates_by_serial(cast, login):
    client = login(cast.supervisor)
    client.post(reverse("equipment:import"), {"file": csv_file([good_row(cast, 1)])})
    client.post(
        reverse("equipment:import_confirm"), {"token": client.session["equipment_import"]["token"]}
    )
    response = client.get(reverse("equipment:inventory_export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == HEADER and rows[1][7] == "IMP-1" and rows[1][10] == "staff"
    rows[1][2] = "C303"
    response = client.post(
        reverse("equipment:import"),
        {"file": xlsx_file([["" if v is None else v for v in rows[1]]])},
    )
    assert [r.action for r in response.context["report"].rows] == ["update"]
    client.post(reverse("equipment:import_confirm"), {"token": response.context["token"]})
    assert Equipment.objects.get(serial="IMP-1").room == "C303"
    csv = client.get(reverse("equipment:inventory_export", args=["csv"]))
    assert "IMP-1" in csv.content.decode("utf-8-sig")


def test_an_unreadable_file_gets_a_message(cast, login):
    response = login(cast.supervisor).post(
        reverse("equipment:import"), {"file": SimpleUploadedFile("x.pdf", b"%PDF")}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["file"]
