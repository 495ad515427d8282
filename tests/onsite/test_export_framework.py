"""The background-export framework, written once for every app (tests/throwaway's kind)."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from onsite import exports
from onsite.choices import ExportState
from onsite.models import AuditEntry, Notification
from tests.throwaway.models import ThrowawayExport

LABEL = ThrowawayExport._meta.label


@pytest.fixture
def queued(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as handed_off:
        export = exports.queue(cast.hr, "throwaway.text", fmt="txt", params={"rows": 4})
    export.handed_off = handed_off
    return export


def test_a_queued_export_is_recorded_and_handed_off_only_after_the_commit(queued, cast):
    assert queued.state == ExportState.QUEUED and queued.requested_by == cast.hr
    assert len(queued.handed_off) == 1
    assert AuditEntry.objects.filter(action="throwaway.export.queue", actor=cast.hr).count() == 1


def test_running_it_stores_the_file_privately_with_its_checksum_and_tells_the_owner(queued, cast):
    assert exports.run(LABEL, queued.pk) is True
    queued.refresh_from_db()
    assert queued.state == ExportState.DONE and queued.rows == 4
    assert queued.file_name == "导出-throwaway.txt" and queued.size == len(
        b"line 0\nline 1\nline 2\nline 3"
    )
    with queued.file.open("rb") as handle:
        assert handle.read().startswith(b"line 0")
    assert len(queued.sha256) == 64 and queued.expires_at > timezone.now()
    assert Notification.objects.filter(recipient=cast.hr).count() == 1
    assert AuditEntry.objects.filter(action="throwaway.export.done").count() == 1


def test_a_task_delivered_twice_builds_once(queued):
    assert exports.run(LABEL, queued.pk) is True
    assert exports.run(LABEL, queued.pk) is False
    assert AuditEntry.objects.filter(action="throwaway.export.done").count() == 1


def test_the_sweep_builds_an_export_whose_task_was_lost(queued):
    assert exports.sweep(now=timezone.now()) == 0  # too recent: its task may still arrive
    assert exports.sweep(now=timezone.now() + timedelta(minutes=3)) == 1
    queued.refresh_from_db()
    assert queued.state == ExportState.DONE


def test_the_sweep_requeues_what_a_dead_worker_was_building(queued):
    ThrowawayExport.objects.filter(pk=queued.pk).update(
        state=ExportState.RUNNING, claimed_at=timezone.now(), attempts=1
    )
    later = timezone.now() + timedelta(minutes=31)
    assert exports.sweep(now=later) == 1
    queued.refresh_from_db()
    assert queued.state == ExportState.DONE and queued.attempts == 2


def test_a_failing_build_is_tried_again_then_fails_and_the_owner_is_told(cast, settings):
    export = exports.queue(cast.hr, "throwaway.text", fmt="txt", params={"fail": True})
    assert exports.run(LABEL, export.pk) is False
    export.refresh_from_db()
    assert export.state == ExportState.QUEUED and "asked to fail" in export.error
    later = timezone.now()
    for _ in range(5):
        later += timedelta(minutes=3)
        exports.sweep(now=later)
    export.refresh_from_db()
    assert export.state == ExportState.FAILED and export.attempts == 3
    assert Notification.objects.filter(recipient=cast.hr).count() == 1
    assert AuditEntry.objects.filter(action="throwaway.export.fail").count() == 1


def test_the_owner_starts_a_failed_export_again_and_nobody_else_can(cast, login):
    export = exports.queue(cast.hr, "throwaway.text", fmt="txt")
    ThrowawayExport.objects.filter(pk=export.pk).update(state=ExportState.FAILED, attempts=3)
    url = reverse("throwaway:export_retry", args=[export.token])
    assert login(cast.admin).post(url).status_code == 404
    assert login(cast.hr).post(url).status_code == 302
    export.refresh_from_db()
    assert export.state == ExportState.QUEUED and export.attempts == 0


def test_only_the_owner_downloads_it_under_its_own_name(queued, cast, login):
    exports.run(LABEL, queued.pk)
    url = reverse("throwaway:export_download", args=[queued.token])
    assert login(cast.admin).get(url).status_code == 404
    response = login(cast.hr).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"line 0")
    assert "filename*=utf-8''%E5%AF%BC%E5%87%BA-throwaway.txt" in response["Content-Disposition"]
    assert AuditEntry.objects.filter(action="throwaway.export.download").count() == 1


def test_a_file_changed_on_disk_is_refused_and_recorded(queued, cast, login):
    exports.run(LABEL, queued.pk)
    queued.refresh_from_db()
    with open(queued.file.path, "ab") as handle:
        handle.write(b"tampered")
    response = login(cast.hr).get(reverse("throwaway:export_download", args=[queued.token]))
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="throwaway.export.checksum_mismatch").count() == 1


def test_expired_files_are_purged_and_no_longer_downloadable(queued, cast, login):
    exports.run(LABEL, queued.pk)
    queued.refresh_from_db()
    path = queued.file.path
    assert exports.purge_expired(now=queued.expires_at + timedelta(seconds=1)) == 1
    queued.refresh_from_db()
    assert queued.state == ExportState.EXPIRED and not queued.file
    assert not Path(path).exists()
    response = login(cast.hr).get(reverse("throwaway:export_download", args=[queued.token]))
    assert response.status_code == 302
