"""Installation records and configuration backups: stored privately with their SHA-256, served
only through a checked view, a tampered file refused and audited."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from equipment.models import Attachment
from onsite.models import AuditEntry


@pytest.mark.rule("R2.1-backups", "R2.1-installation-records")
def test_a_backup_is_kept_privately_and_served_after_its_checksum_matched(
    cast, eq, login, settings
):
    client = login(cast.staff)
    upload = SimpleUploadedFile("core-switch.cfg", b"sysname CORE\nvlan 10\n")
    response = client.post(
        reverse("equipment:attachment_upload", args=[eq.pc1.pk]),
        {"kind": "backup", "file": upload, "note": "变更前备份"},
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.sha256 == hashlib.sha256(b"sysname CORE\nvlan 10\n").hexdigest()
    stored = settings.PRIVATE_MEDIA_ROOT / "equipment" / attachment.file.name
    assert stored.exists() and "core-switch" not in attachment.file.name
    download = client.get(reverse("equipment:attachment_download", args=[attachment.pk]))
    assert b"".join(download.streaming_content) == b"sysname CORE\nvlan 10\n"
    assert AuditEntry.objects.filter(action="equipment.attachment.download").count() == 1
    # Someone without the site gets 404; a tampered file is refused and the refusal audited.
    assert (
        login(cast.outsider)
        .get(reverse("equipment:attachment_download", args=[attachment.pk]))
        .status_code
        == 404
    )
    stored.write_bytes(b"sysname EVIL\n")
    refused = login(cast.staff).get(reverse("equipment:attachment_download", args=[attachment.pk]))
    assert refused.status_code == 302
    assert AuditEntry.objects.filter(action="equipment.attachment.checksum_mismatch").exists()
