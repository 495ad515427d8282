"""Backup and restore: rows and private files with checksums, into an empty installation."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from onsite import audit, backup
from onsite.models import AuditEntry
from tests.archive.factories import ItemFactory, make_file

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def installation(cast, settings, tmp_path):
    item = ItemFactory(collection=cast.collection, custodian=cast.custodian, classification=1)
    stored = make_file(item, content=b"\x00\x00\x00\x18ftypmp42 recording")
    audit.record(cast.hr, "onsite.test.check", cast.site, comment="备份前")
    return stored


def _empty_installation(settings, tmp_path):
    call_command("flush", interactive=False, verbosity=0)
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "new-private"


def test_a_backup_restores_every_row_and_file_into_an_empty_installation(
    installation, settings, tmp_path
):
    before = backup.row_counts()
    folder = tmp_path / "backup"
    call_command("backup", str(folder), verbosity=0)
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["files"] and manifest["rows"]["onsite.AuditEntry"] >= 1
    _empty_installation(settings, tmp_path)
    assert not get_user_model().objects.exists()

    summary = backup.restore(folder)
    assert backup.row_counts() == before
    assert summary["files"] == len(manifest["files"]) and summary["recorded_checksums"] >= 1
    restored = type(installation).objects.get(pk=installation.pk)
    with restored.file.open("rb") as handle:
        assert handle.read() == b"\x00\x00\x00\x18ftypmp42 recording"
    assert AuditEntry.objects.filter(comment="备份前", actor_name__startswith="hr").exists()


def test_an_altered_backup_is_refused_before_anything_is_loaded(installation, settings, tmp_path):
    folder = tmp_path / "backup"
    call_command("backup", str(folder), verbosity=0)
    victim = next(path for path in (folder / "files").rglob("*") if path.is_file())
    victim.write_bytes(b"tampered")
    _empty_installation(settings, tmp_path)
    with pytest.raises(CommandError, match="differ"):
        call_command("restore", str(folder), verbosity=0)
    assert not get_user_model().objects.exists()


def test_a_restore_into_a_database_in_use_is_refused(installation, tmp_path):
    folder = tmp_path / "backup"
    call_command("backup", str(folder), verbosity=0)
    with pytest.raises(CommandError, match="empty installation"):
        call_command("restore", str(folder), verbosity=0)


def test_a_backup_needs_a_new_or_empty_folder(installation, tmp_path):
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "x").write_text("x")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", str(tmp_path / "used"), verbosity=0)
