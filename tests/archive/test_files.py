"""Private files: stored outside any public URL with their SHA-256, verified on download."""

import hashlib

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from archive.choices import DiscrepancyKind, DiscrepancyStatus
from archive.models import Discrepancy, ItemFile
from onsite.models import AuditEntry, Notification
from tests.archive.factories import make_file

pytestmark = pytest.mark.django_db

CONTENT = b"\x00\x00\x00\x18ftypmp42" + b"\x00\x01 recording of the meeting " * 100  # an MP4 header


@pytest.mark.rule("R2.4-recording-integrity", "R2.4-no-passing-on")
def test_upload_stores_the_file_privately_with_its_sha256(cast, arc, login):
    upload = SimpleUploadedFile("会议.mp4", CONTENT, content_type="video/mp4")
    response = login(cast.custodian).post(
        reverse("archive:file_upload", args=[arc.secret.pk]), {"file": upload}
    )
    assert response.status_code == 302
    stored = ItemFile.objects.get()
    assert stored.sha256 == hashlib.sha256(CONTENT).hexdigest()
    assert stored.size == len(CONTENT) and stored.original_name == "会议.mp4"
    path = stored.file.path
    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert "会议" not in path  # stored under a random name
    with pytest.raises(ValueError):
        stored.file.url  # noqa: B018 - no public URL exists
    assert AuditEntry.objects.filter(action="archive.file.upload", actor=cast.custodian).exists()


def test_only_the_custodian_uploads(cast, arc, login):
    upload = SimpleUploadedFile("a.mp4", CONTENT)
    response = login(cast.staff).post(
        reverse("archive:file_upload", args=[arc.secret.pk]), {"file": upload}
    )
    assert response.status_code == 403
    assert not ItemFile.objects.exists()


@pytest.mark.rule("R2.4-recording-integrity", "R2.4-no-passing-on")
def test_download_verifies_the_checksum_and_is_audited(cast, arc, login):
    stored = make_file(arc.public, CONTENT)
    response = login(cast.staff).get(reverse("archive:file_download", args=[stored.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == CONTENT
    entry = AuditEntry.objects.get(action="archive.file.download")
    assert entry.actor == cast.staff and entry.object_id == str(arc.public.pk)
    assert hashlib.sha256(CONTENT).hexdigest() in entry.comment


@pytest.mark.rule("R2.4-recording-integrity")
def test_tampered_file_is_refused_and_recorded(cast, arc, login):
    stored = make_file(arc.public, CONTENT)
    with open(stored.file.path, "ab") as handle:
        handle.write(b"tampered")
    response = login(cast.staff).get(reverse("archive:file_download", args=[stored.pk]))
    assert response.status_code == 302
    assert response.url == reverse("archive:item_detail", args=[arc.public.pk])
    assert AuditEntry.objects.filter(
        action="archive.file.checksum_mismatch", actor=cast.staff
    ).exists()
    assert not AuditEntry.objects.filter(action="archive.file.download").exists()
    assert Notification.objects.filter(recipient=cast.custodian).exists()
    assert Discrepancy.objects.get(item_file=stored).kind == DiscrepancyKind.CHECKSUM


@pytest.mark.rule("R2.4-recording-integrity")
def test_missing_stored_file_is_refused_and_recorded(cast, arc, login):
    stored = make_file(arc.public, CONTENT)
    stored.file.storage.delete(stored.file.name)
    response = login(cast.custodian).get(reverse("archive:file_download", args=[stored.pk]))
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="archive.file.missing").exists()
    found = Discrepancy.objects.get(item_file=stored)
    assert found.kind == DiscrepancyKind.FILE_LOST and found.status == DiscrepancyStatus.OPEN


def test_an_oversized_upload_gets_a_message(cast, arc, login, settings):
    settings.ARCHIVE_MAX_UPLOAD_BYTES = 10
    upload = SimpleUploadedFile("a.mp4", CONTENT)
    response = login(cast.custodian).post(
        reverse("archive:file_upload", args=[arc.secret.pk]), {"file": upload}
    )
    assert response.status_code == 200 and response.context["form"].errors
    assert not ItemFile.objects.exists()


@pytest.mark.rule("R2.4-recording-integrity")
def test_a_file_not_stored_intact_is_not_kept(cast, arc, monkeypatch):
    from archive import services
    from onsite.storage import PrivateStorage
    from onsite.workflow import WorkflowError

    original = PrivateStorage._save

    def corrupting_save(self, name, content):
        name = original(self, name, content)
        with open(self.path(name), "ab") as handle:
            handle.write(b"bit rot")
        return name

    monkeypatch.setattr(PrivateStorage, "_save", corrupting_save)
    with pytest.raises(WorkflowError):
        services.add_file(cast.custodian, arc.secret, SimpleUploadedFile("a.mp4", CONTENT))
    assert not ItemFile.objects.exists()
    root = settings.PRIVATE_MEDIA_ROOT / "archive" / "files"
    assert not [p for p in root.rglob("*") if p.is_file()]
