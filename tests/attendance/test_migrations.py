"""Data made before attendance moved onto the core: exports and audit entries keep working."""

import hashlib
from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("attendance", "0004_alter_attendanceexport_state")]
AFTER = [("attendance", "0006_audit_action_names")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_schema(settings, tmp_path):
    """The database as it was before (attendance at 0004); back to the latest afterwards."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    try:
        yield migrate(BEFORE)
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())


def _old_export(apps, user, state, age, fmt="pdf"):
    Export = apps.get_model("attendance", "AttendanceExport")
    export = Export.objects.create(
        requested_by_id=user.pk, scope="company", year=2026, month=11, format=fmt, state=state
    )
    Export.objects.filter(pk=export.pk).update(created_at=timezone.now() - age)
    return export


@pytest.mark.django_db(transaction=True)
def test_old_exports_keep_their_token_and_file_and_expire_a_week_after(old_schema, tmp_path):
    User = old_schema.get_model("auth", "User")
    hr = User.objects.create(username="hr")
    fresh = _old_export(old_schema, hr, "done", timedelta(days=2))
    lost = _old_export(old_schema, hr, "done", timedelta(days=1), fmt="xlsx")
    old = _old_export(old_schema, hr, "done", timedelta(days=8))
    failed = _old_export(old_schema, hr, "failed", timedelta(hours=1))
    folder = tmp_path / "attendance-exports"
    folder.mkdir()
    (folder / f"{fresh.token}.pdf").write_bytes(b"%PDF fresh")
    (folder / f"{old.token}.pdf").write_bytes(b"%PDF old")
    migrate(AFTER)
    from attendance.models import AttendanceExport

    fresh, lost, old, failed = (
        AttendanceExport.objects.get(token=e.token) for e in (fresh, lost, old, failed)
    )
    assert {e.kind for e in (fresh, lost, old, failed)} == {"attendance.month"}
    assert fresh.state == "done" and fresh.file.name == f"attendance-exports/{fresh.token}.pdf"
    assert fresh.sha256 == hashlib.sha256(b"%PDF fresh").hexdigest() and fresh.size == 10
    assert fresh.expires_at == fresh.created_at + timedelta(days=7)
    with fresh.file.open("rb") as handle:
        assert handle.read() == b"%PDF fresh"
    assert (lost.state, lost.file.name) == ("expired", "")  # its file was gone
    assert (old.state, old.file.name) == ("expired", "")  # past its week: purged
    assert not (folder / f"{old.token}.pdf").exists()
    assert (failed.state, failed.attempts) == ("failed", 1)  # HR may start it again


@pytest.mark.django_db(transaction=True)
def test_old_audit_actions_are_renamed_app_model_action(old_schema):
    AuditEntry = old_schema.get_model("onsite", "AuditEntry")
    old_names = [
        "overtime.approve",
        "overtime.confirm_hours",
        "leave.cancel",
        "attendance.check_in",
        "calendar.add",
        "calendar.confirm_year",
        "calendar.import",
        "leave_allowance.set",
        "leave_type.add",
        "site_schedule.add",
        "site_day_off.remove",
        "checkin_policy.save",
        "attendance.export_start",
        "attendance.export_retry",
        "attendance.export_download",
        "archive.loan.approve",  # another app's: untouched
    ]
    for name in old_names:
        AuditEntry.objects.create(action=name)
    AuditEntry.objects.create(action="attendance.export_xlsx", comment="2026-11 部门：音视频部")
    migrate(AFTER)
    from onsite.models import AuditEntry as Entry

    assert set(Entry.objects.values_list("action", flat=True)) == {
        "attendance.overtime.approve",
        "attendance.overtime.confirm_hours",
        "attendance.leave.cancel",
        "attendance.record.check_in",
        "attendance.calendar_day.add",
        "attendance.calendar_year.confirm",
        "attendance.calendar_year.import",
        "attendance.leave_allowance.set",
        "attendance.leave_type.add",
        "attendance.site_schedule.add",
        "attendance.site_day_off.remove",
        "attendance.checkin_policy.save",
        "attendance.export.queue",
        "attendance.export.retry",
        "attendance.export.download",
        "archive.loan.approve",
    }
    assert Entry.objects.filter(
        action="attendance.export.download", comment="xlsx 2026-11 部门：音视频部"
    ).exists()
