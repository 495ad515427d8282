"""Backup and restore: the database's rows and the private files, with their checksums.

``manage.py backup DIR`` writes ``DIR/data.json.gz`` (every row but sessions, lock-out
records, heartbeats and what ``migrate`` makes itself), ``DIR/files/`` (a copy of
``PRIVATE_MEDIA_ROOT``: archive files, attachments, scans, exports) and ``DIR/manifest.json``
(the SHA-256 of the data file and of every file, and the row count of every model).

``manage.py restore DIR`` checks every checksum of the backup first, refuses a database that
already holds people or audit lines, empties the tables (what migrations wrote: roles,
holiday days), loads the rows, copies the files, and checks again:
every restored file against the manifest and against the SHA-256 the rows record for it,
and every model's row count. It works on the database of any installation (SQLite or
PostgreSQL), migrated and empty.
"""

import gzip
import hashlib
import json
import shutil
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import models, transaction
from django.utils import timezone

DATA = "data.json.gz"
MANIFEST = "manifest.json"
# Not restored: made by ``migrate`` (content types, permissions) or of no lasting value.
EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
    "axes",
    "onsite.heartbeat",
]


class BackupError(Exception):
    """The backup is incomplete, altered, or the target is not empty."""


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _models():
    excluded_apps = {label for label in EXCLUDED if "." not in label}
    excluded_models = {label.lower() for label in EXCLUDED if "." in label}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.app_label in excluded_apps or meta.label_lower in excluded_models:
            continue
        if meta.proxy or not meta.managed and not meta.auto_created:
            continue
        yield model


def row_counts():
    return {model._meta.label: model._base_manager.count() for model in _models()}


def _files(root):
    root = Path(root)
    if not root.exists():
        return {}
    return {
        path.relative_to(root).as_posix(): _sha256(path)
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def backup(target):
    """Write a backup into the empty or new folder ``target``; returns the manifest."""
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    if any(target.iterdir()):
        raise BackupError(f"{target} is not empty.")
    with transaction.atomic():  # one consistent view of the rows and their counts
        with gzip.open(target / DATA, "wt", encoding="utf-8") as out:
            call_command(
                "dumpdata",
                "--natural-foreign",
                *[f"--exclude={label}" for label in EXCLUDED],
                stdout=out,
            )
        counts = row_counts()
    source = Path(settings.PRIVATE_MEDIA_ROOT)
    if source.exists():
        shutil.copytree(source, target / "files")
    manifest = {
        "made_at": timezone.now().isoformat(),
        "data_sha256": _sha256(target / DATA),
        "rows": counts,
        "files": _files(target / "files"),
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False))
    return manifest


def _check_backup(source):
    manifest = json.loads((source / MANIFEST).read_text())
    if _sha256(source / DATA) != manifest["data_sha256"]:
        raise BackupError("The data file does not match its checksum.")
    found = _files(source / "files")
    if found != manifest["files"]:
        bad = sorted(set(found.items()) ^ set(manifest["files"].items()))
        raise BackupError(f"Files differ from the manifest: {bad[:5]}")
    return manifest


def _check_empty():
    from django.contrib.auth import get_user_model

    from onsite.models import AuditEntry

    if get_user_model().objects.exists() or AuditEntry.objects.exists():
        raise BackupError(
            "The database already holds people or audit lines; restore into an empty installation."
        )


def recorded_checksums():
    """``(file name, recorded SHA-256)`` of every stored file whose row records its digest
    (a ``sha256`` field beside the file field, or ``<field>_sha256``)."""
    for model in apps.get_models():
        names = {field.name for field in model._meta.fields}
        for field in model._meta.fields:
            if not isinstance(field, models.FileField):
                continue
            digest = next((n for n in (f"{field.name}_sha256", "sha256") if n in names), None)
            if digest is None:
                continue
            rows = model._base_manager.exclude(**{field.name: ""}).values_list(field.name, digest)
            for name, recorded in rows:
                if name and recorded:
                    yield field.storage, name, recorded


def restore(source):
    """Restore the backup in ``source`` into this (empty) installation; returns a summary."""
    source = Path(source)
    manifest = _check_backup(source)
    _check_empty()
    # What migrations wrote (roles, holiday days) makes way for the backup's own rows.
    call_command("flush", interactive=False, verbosity=0)
    with transaction.atomic():
        call_command("loaddata", str(source / DATA), verbosity=0)
    target = Path(settings.PRIVATE_MEDIA_ROOT)
    if (source / "files").exists():
        shutil.copytree(source / "files", target, dirs_exist_ok=True)
    restored = {k: v for k, v in _files(target).items() if k in manifest["files"]}
    if restored != manifest["files"]:
        raise BackupError("A restored file does not match the manifest.")
    mismatched = [
        name for storage, name, recorded in recorded_checksums()
        if not storage.exists(name) or _sha256(storage.path(name)) != recorded
    ]  # fmt: skip
    if mismatched:
        raise BackupError(
            f"Stored files differ from the SHA-256 their rows record: {mismatched[:5]}"
        )
    counts = row_counts()
    wrong = {
        label: (count, counts.get(label))
        for label, count in manifest["rows"].items()
        if counts.get(label) != count
    }
    if wrong:
        raise BackupError(f"Row counts differ after the restore: {wrong}")
    checked = sum(1 for _item in recorded_checksums())
    return {
        "rows": sum(manifest["rows"].values()),
        "models": len(manifest["rows"]),
        "files": len(manifest["files"]),
        "recorded_checksums": checked,
    }
