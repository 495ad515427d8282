"""Storage integrity: every stored file's SHA-256 recomputed on a rolling schedule.

The beat sweep (``verify_stored_files``) takes the files verified longest ago (never
verified first) and re-reads them until this run's share of the work is done: the bytes
a full pass needs per run to finish in half of ``ARCHIVE_INTEGRITY_CYCLE_DAYS`` (so every
file is verified at least once a cycle even if runs are missed), plus any file already
past its cycle, never longer than ``ARCHIVE_INTEGRITY_MAX_SECONDS`` so a run never blocks
the worker for long. Each result is claimed with a conditional update (a second or
concurrent run records nothing twice). A file altered or missing opens a discrepancy at
once (one while it is open) and tells the custodians; a download that finds the same does
the same.

Enforces R2.4-recording-integrity.
"""

import hashlib
import logging
import math
import time
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from archive.choices import DiscrepancyKind, DiscrepancyStatus, FileCheck
from archive.conf import conf
from archive.models import Discrepancy, Item, ItemFile
from onsite import audit
from onsite.notifications import notify
from onsite.workflow import lock

logger = logging.getLogger(__name__)

CHUNK = 1024 * 1024
KIND_OF_CHECK = {
    FileCheck.ALTERED: DiscrepancyKind.CHECKSUM,
    FileCheck.MISSING: DiscrepancyKind.FILE_LOST,
}


@dataclass
class SweepResult:
    checked: int = 0
    bytes: int = 0
    intact: int = 0
    altered: int = 0
    missing: int = 0
    opened: int = 0  # discrepancies opened


def live_files():
    """Stored files not erased: what the sweep keeps verifying."""
    return ItemFile.objects.filter(erased_at__isnull=True).exclude(file="")


def digest_of(item_file):
    """(check, hex digest) of the bytes on disk now: intact, altered or missing."""
    digest = hashlib.sha256()
    try:
        with item_file.file.storage.open(item_file.file.name, "rb") as handle:
            for chunk in iter(lambda: handle.read(CHUNK), b""):
                digest.update(chunk)
    except FileNotFoundError:
        return FileCheck.MISSING, ""
    actual = digest.hexdigest()
    return (FileCheck.INTACT if actual == item_file.sha256 else FileCheck.ALTERED), actual


def share_of_bytes(total_bytes, every_seconds=None, cycle_days=None):
    """Bytes one run verifies so a whole pass takes half a cycle (at least 1)."""
    every = every_seconds or conf.INTEGRITY_EVERY_SECONDS
    half_cycle = (cycle_days or conf.INTEGRITY_CYCLE_DAYS) * 86400 / 2
    return max(1, math.ceil(total_bytes * every / half_cycle))


def verify_stored_files(now=None, *, budget_bytes=None, max_seconds=None, clock=time.monotonic):
    """Beat: verify this run's share of the stored files (see the module docstring).

    ``budget_bytes`` and ``max_seconds`` override the computed share and the time limit
    (the bench verifies every file in one call). Returns a ``SweepResult``.
    """
    now = now or timezone.now()
    files = live_files()
    totals = files.aggregate(count=Count("id"), size=Sum("size"))
    budget = budget_bytes if budget_bytes is not None else share_of_bytes(totals["size"] or 0)
    deadline = clock() + (max_seconds if max_seconds is not None else conf.INTEGRITY_MAX_SECONDS)
    overdue_before = now - timedelta(days=conf.INTEGRITY_CYCLE_DAYS)
    result = SweepResult()
    for item_file in _oldest_first(files, now):
        overdue = item_file.verified_at is None or item_file.verified_at < overdue_before
        if result.checked and (clock() >= deadline or (result.bytes >= budget and not overdue)):
            break
        _verify_one(item_file, now, result)
    if result.altered or result.missing:
        logger.warning("Integrity sweep: %d altered, %d missing", result.altered, result.missing)
    return result


def _oldest_first(files, now, batch=100):
    """The files not verified by this run, verified longest ago (never first), a batch at
    a time: each batch is read afresh, so a file verified meanwhile (by this run or a
    concurrent one) drops out instead of coming round again."""
    waiting = files.filter(Q(verified_at__isnull=True) | Q(verified_at__lt=now))
    ordered = waiting.select_related("item__collection").order_by(
        F("verified_at").asc(nulls_first=True), "pk"
    )
    while True:
        rows = list(ordered[:batch])
        if not rows:
            return
        yield from rows


def _verify_one(item_file, now, result):
    check, actual = digest_of(item_file)
    result.checked += 1
    result.bytes += item_file.size
    setattr(result, str(check), getattr(result, str(check)) + 1)
    unchanged = ItemFile.objects.filter(pk=item_file.pk, verified_at=item_file.verified_at)
    if check == FileCheck.INTACT:
        unchanged.update(verified_at=now, last_check=check)  # one statement: atomic alone
        return
    with transaction.atomic():
        if unchanged.update(verified_at=now, last_check=check):
            detail = f"{item_file.original_name}: {item_file.sha256} ≠ {actual or '—'}"
            if report_damaged_file(item_file, check, detail, now=now):
                result.opened += 1


def report_damaged_file(item_file, check, detail, *, actor=None, now=None):
    """A stored file is altered or missing: open a discrepancy (unless one is open for the
    file), audit it and tell the custodians at once. Returns the discrepancy or None."""
    now = now or timezone.now()
    with transaction.atomic():
        item = lock(Item.objects.select_related("collection"), item_file.item_id)
        if Discrepancy.objects.filter(item_file=item_file, status=DiscrepancyStatus.OPEN).exists():
            return None
        try:
            with transaction.atomic():
                found = Discrepancy.objects.create(
                    item=item,
                    item_file=item_file,
                    kind=KIND_OF_CHECK[check],
                    detail=detail[:200],
                    opened_at=now,
                )
        except IntegrityError:
            return None  # opened by a concurrent sweep or download
        audit.record(actor, "archive.file.verify_failed", item, to_state=check, comment=detail)
        audit.record(
            actor,
            "archive.discrepancy.open",
            found,
            to_state=DiscrepancyStatus.OPEN,
            comment=detail,
        )
        notify(
            list(item.collection.custodians.all()),
            gettext_lazy("%(finding)s: a stored file of %(item)s"),
            gettext_lazy("%(file)s no longer matches its SHA-256. A discrepancy is open."),
            reverse("archive:discrepancy_list"),
            {
                "item": item.reference,
                "finding": found.get_kind_display(),
                "file": item_file.original_name,
            },
        )
    return found


def integrity_summary(files):
    """Counts of a set of files by their last check, and how many are past their cycle."""
    overdue_before = timezone.now() - timedelta(days=conf.INTEGRITY_CYCLE_DAYS)
    return files.aggregate(
        total=Count("id"),
        intact=Count("id", filter=Q(last_check=FileCheck.INTACT)),
        altered=Count("id", filter=Q(last_check=FileCheck.ALTERED)),
        missing=Count("id", filter=Q(last_check=FileCheck.MISSING)),
        overdue=Count("id", filter=Q(verified_at__isnull=True) | Q(verified_at__lt=overdue_before)),
    )
