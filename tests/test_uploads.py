"""Uploads: the type is read from the content (a page named .pdf is refused), sizes are
limited, files are private, and every view that hands out a file sends it as an attachment
with ``nosniff``."""

import io
import zipfile
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from archive import services as archive_services
from archive.models import ItemFile
from duties.services import files as duties_files
from equipment.models import Attachment
from equipment.services import inventory
from meetingroom.models import Pledge
from meetingroom.services import pledges
from onsite import uploads
from onsite.workflow import WorkflowError
from tests.access import ROLES
from tests.archive.factories import ItemFactory
from tests.equipment.factories import EquipmentFactory
from tests.test_access_matrix import EXPECTATIONS

HOSTILE = b"<!DOCTYPE html><html><script>fetch('/admin/')</script></html>"
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>'
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
MP4 = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64


def _office():
    out = io.BytesIO()
    Workbook().save(out)
    return out.getvalue()


def _zip():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("config.txt", "vlan 10")
    return out.getvalue()


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"%PDF-1.7 ...", "pdf"),
        (PNG, "png"),
        (b"\xff\xd8\xff\xe0JFIF", "jpeg"),
        (MP4, "mp4"),
        (b"ID3\x03\x00", "mp3"),
        (_office(), "office"),
        (_zip(), "zip"),
        ("会议纪要：第一项".encode("gb18030"), "text"),
        (b"sysname CORE\nvlan 10\n", "text"),
        (HOSTILE, "active"),
        (SVG, "active"),
        (b"  <html><body>hi", "active"),
        (b"MZ\x90\x00", "active"),
        (b"\x7fELF\x02", "active"),
        (b"#!/bin/sh\nrm -rf /", "active"),
        (bytes(range(256)), "data"),
    ],
)
def test_the_kind_is_read_from_the_content(content, kind):
    assert uploads.sniff(io.BytesIO(content)) == kind


def test_a_page_named_like_a_pdf_is_refused_with_a_message():
    disguised = SimpleUploadedFile("scan.pdf", HOSTILE, content_type="application/pdf")
    with pytest.raises(WorkflowError, match="不是可接受|not an accepted kind"):
        uploads.check(disguised, kinds=uploads.SCANS, max_bytes=1024)


def test_a_file_over_the_limit_is_refused_before_its_content_is_read():
    with pytest.raises(WorkflowError, match="超过|larger than"):
        uploads.check(
            SimpleUploadedFile("a.pdf", b"%PDF" + b"0" * 2000), kinds={"pdf"}, max_bytes=1000
        )


def test_configuration_backups_take_any_inert_content_but_never_a_page():
    blob = SimpleUploadedFile("switch.bin", bytes(range(256)))
    assert uploads.check(blob, kinds=uploads.BACKUPS, max_bytes=10_000) == "data"
    with pytest.raises(WorkflowError):
        uploads.check(
            SimpleUploadedFile("switch.cfg", SVG), kinds=uploads.BACKUPS, max_bytes=10_000
        )


# --- Each app's upload refuses a disguised page and keeps nothing -----------------------------
def test_archive_refuses_a_page_disguised_as_a_recording(cast):
    item = ItemFactory(collection=cast.collection, custodian=cast.custodian, classification=1)
    with pytest.raises(WorkflowError):
        archive_services.add_file(cast.custodian, item, SimpleUploadedFile("会议.mp4", HOSTILE))
    assert not ItemFile.objects.exists()
    archive_services.add_file(cast.custodian, item, SimpleUploadedFile("会议.mp4", MP4))
    assert ItemFile.objects.count() == 1


def test_duties_refuses_a_page_disguised_as_a_document(cast):
    with pytest.raises(WorkflowError):
        duties_files.store(object(), SimpleUploadedFile("通知.pdf", HOSTILE))


def test_meetingroom_refuses_a_page_disguised_as_a_pledge_scan(cast):
    with pytest.raises(WorkflowError):
        pledges.upload_pledge(
            cast.manager,
            cast.staff,
            scan=SimpleUploadedFile("承诺书.png", SVG),
            signed_on=date(2026, 11, 1),
            valid_until=date(2027, 11, 1),
        )
    assert not Pledge.objects.exists()


def test_equipment_refuses_a_page_disguised_as_a_backup(cast):
    device = EquipmentFactory(site=cast.site)
    with pytest.raises(WorkflowError):
        inventory.add_attachment(
            cast.staff, device, SimpleUploadedFile("backup.cfg", HOSTILE), kind="backup"
        )
    assert not Attachment.objects.exists()


# --- Every view that hands out a file: attachment and nosniff --------------------------------
INLINE_BY_DESIGN = {"image/jpeg", "text/calendar"}  # re-encoded photos; calendar feeds
PRINTED_IN_THE_BROWSER = {"equipment:labels"}  # a PDF the portal makes, never an upload


def _file_views():
    for name, spec in sorted(EXPECTATIONS.items()):
        if spec.method != "get" or name.startswith("admin:"):
            continue
        role = next((r for r in ROLES if r != "anon" and spec.answer_for(r) == 200), None)
        if role:
            yield name, role


@pytest.mark.parametrize(("name", "role"), list(_file_views()))
def test_a_file_is_handed_out_as_an_attachment_with_nosniff(name, role, cast, client):
    spec = EXPECTATIONS[name]
    client.force_login(
        getattr(cast, role), backend="onsite.auth_backends.UsernameOrEmployeeNumberBackend"
    )
    response = client.get(spec.url(cast))
    kind = response.get("Content-Type", "").split(";")[0]
    assert response["X-Content-Type-Options"] == "nosniff"
    if kind in ("text/html", "application/json") or kind in INLINE_BY_DESIGN:
        return
    if name in PRINTED_IN_THE_BROWSER:
        return
    assert response["Content-Disposition"].startswith("attachment"), (name, kind)
