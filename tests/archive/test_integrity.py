"""Storage integrity (§2.4.7): a beat sweep recomputes stored files' SHA-256 on a rolling
schedule — every file at least once a cycle, a bounded share of work per run — and a file
altered or missing on disk opens a discrepancy and tells the custodians at once."""

from datetime import timedelta
from itertools import count

import pytest
from django.urls import reverse
from django.utils import timezone

from archive import tasks
from archive.choices import DiscrepancyKind, DiscrepancyStatus, FileCheck
from archive.conf import conf
from archive.models import Discrepancy, ItemFile
from archive.services.integrity import verify_stored_files
from onsite.models import AuditEntry, Notification
from tests.archive.factories import ItemFactory, make_file

pytestmark = pytest.mark.django_db

SIZE = 4096


def _files(cast, n, item=None):
    item = item or ItemFactory(collection=cast.collection, custodian=cast.custodian)
    return [make_file(item, bytes([i % 251]) * SIZE, name=f"rec{i}.mp4") for i in range(n)]


def _everything(now=None):
    return verify_stored_files(now, budget_bytes=10**12, max_seconds=10**6)


@pytest.mark.rule("R2.4-recording-integrity")
def test_the_sweep_detects_bytes_altered_on_disk_and_a_missing_file_and_tells_at_once(cast):
    intact, altered, missing = _files(cast, 3)
    with open(altered.file.path, "r+b") as handle:  # same size, one byte changed
        handle.seek(100)
        handle.write(b"\xff")
    missing.file.storage.delete(missing.file.name)

    result = _everything()
    assert (result.checked, result.intact, result.altered, result.missing) == (3, 1, 1, 1)
    found = {d.item_file_id: d for d in Discrepancy.objects.all()}
    assert set(found) == {altered.pk, missing.pk}
    assert found[altered.pk].kind == DiscrepancyKind.CHECKSUM
    assert found[missing.pk].kind == DiscrepancyKind.FILE_LOST
    assert all(d.status == DiscrepancyStatus.OPEN for d in found.values())
    assert altered.sha256 in found[altered.pk].detail
    told = Notification.objects.filter(
        recipient=cast.custodian, url=reverse("archive:discrepancy_list")
    )
    assert told.count() == 2
    checks = dict(ItemFile.objects.values_list("pk", "last_check"))
    assert checks == {
        intact.pk: FileCheck.INTACT,
        altered.pk: FileCheck.ALTERED,
        missing.pk: FileCheck.MISSING,
    }
    assert AuditEntry.objects.filter(action="archive.file.verify_failed", actor=None).count() == 2

    again = _everything(timezone.now() + timedelta(minutes=5))
    assert again.altered == 1 and again.missing == 1
    assert Discrepancy.objects.count() == 2 and told.count() == 2  # one while it is open


@pytest.mark.rule("R2.4-recording-integrity")
def test_a_clean_run_opens_nothing(cast):
    files = _files(cast, 4)
    now = timezone.now()
    result = _everything(now)
    assert (result.checked, result.intact, result.opened) == (4, 4, 0)
    assert not Discrepancy.objects.exists() and not Notification.objects.exists()
    assert set(ItemFile.objects.values_list("verified_at", flat=True)) == {now}
    assert len(files) == ItemFile.objects.filter(last_check=FileCheck.INTACT).count()


@pytest.mark.rule("R2.4-recording-integrity")
def test_each_run_does_a_bounded_share_and_every_file_is_verified_within_the_cycle(cast, settings):
    settings.ARCHIVE_INTEGRITY_EVERY_SECONDS = 86400  # one run a day
    settings.ARCHIVE_INTEGRITY_CYCLE_DAYS = 30
    _files(cast, 20)
    start = timezone.now()
    ItemFile.objects.update(verified_at=start, last_check=FileCheck.INTACT)  # at upload
    per_run = []
    for day in range(1, 61):
        now = start + timedelta(days=day)
        per_run.append(verify_stored_files(now).checked)
        if day >= 30:  # from the first cycle on, nothing is older than a cycle
            oldest = min(ItemFile.objects.values_list("verified_at", flat=True))
            assert now - oldest <= timedelta(days=30)
    # A pass over 20 files in half a cycle (15 days): 2 files a run, never all at once.
    assert max(per_run) == 2 and sum(per_run[:10]) == 20


def test_a_run_stops_at_its_time_limit_and_takes_the_oldest_first(cast):
    files = _files(cast, 5)
    ticks = count(step=100)  # each look at the clock: 100 s later
    result = verify_stored_files(budget_bytes=10**12, max_seconds=150, clock=lambda: next(ticks))
    assert result.checked == 2  # it stopped once past 150 s
    checked = set(ItemFile.objects.filter(verified_at__isnull=False).values_list("pk", flat=True))
    assert checked == {files[0].pk, files[1].pk}  # never verified, oldest first


def test_a_file_past_its_cycle_is_verified_beyond_the_share(cast, settings):
    settings.ARCHIVE_INTEGRITY_CYCLE_DAYS = 30
    files = _files(cast, 3)
    long_ago = timezone.now() - timedelta(days=31)
    ItemFile.objects.update(verified_at=long_ago, last_check=FileCheck.INTACT)
    result = verify_stored_files(budget_bytes=1)
    assert result.checked == len(files)  # all past their cycle


@pytest.mark.rule("R2.4-recording-integrity")
def test_the_custodian_sees_when_each_file_was_last_verified(cast, login):
    stored, never = _files(cast, 2)
    ItemFile.objects.filter(pk=stored.pk).update(
        verified_at=timezone.now() - timedelta(days=1), last_check=FileCheck.INTACT
    )
    page = login(cast.custodian).get(reverse("archive:integrity_list"))
    assert page.status_code == 200
    rows = list(page.context["page"])
    assert rows[0] == never and rows[0].verified_at is None  # never verified first
    assert page.context["summary"]["intact"] == 1 and page.context["summary"]["overdue"] == 1
    stored.refresh_from_db()
    item_page = login(cast.custodian).get(stored.item.get_absolute_url()).content.decode()
    assert timezone.localtime(stored.verified_at).strftime("%Y-%m-%d %H:%M") in item_page
    assert login(cast.staff).get(reverse("archive:integrity_list")).status_code == 403


def test_the_sweep_is_on_beat_and_runs_as_a_task(cast):
    periodic = {task.name: seconds for seconds, task in tasks.PERIODIC}
    assert periodic["archive.verify_stored_files"] == conf.INTEGRITY_EVERY_SECONDS
    _files(cast, 1)
    assert tasks.verify_stored_files() == 1
