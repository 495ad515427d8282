"""The storage integrity sweep at scale: FILES stored files of SIZE_MB each.

Builds a throwaway SQLite database and private media folder in a temporary directory
(removed at the end; nothing else is touched), writes the files with random bytes and
their SHA-256, then times:

- a whole pass over every file in one call (the sweep's budget lifted), with the files
  in the page cache (warm) and, when this process may drop the kernel's caches (root),
  read from disk (cold);
- one beat run at the default settings (its computed share of the bytes), and how many
  runs a whole pass takes at that pace.

    .venv/bin/python bench/archive_integrity.py [files=10000] [size_mb=1]
"""

import hashlib
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
_TMP = tempfile.mkdtemp(prefix="onsite-bench-")
os.environ["ONSITE_VAR_DIR"] = _TMP
os.environ.pop("DATABASE_URL", None)
os.environ["DJANGO_SETTINGS_MODULE"] = "onsite.settings"

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from archive.conf import conf  # noqa: E402
from archive.models import Collection, Item, ItemFile  # noqa: E402
from archive.services.integrity import share_of_bytes, verify_stored_files  # noqa: E402
from archive.storage import private_storage  # noqa: E402

ITEMS = 100


def build(files, size):
    call_command("migrate", verbosity=0)
    keeper = get_user_model().objects.create(username="keeper")
    collection = Collection.objects.create(code="BENCH", name="基准")
    collection.custodians.add(keeper)
    items = Item.objects.bulk_create(
        Item(
            collection=collection,
            title=f"录像{n}",
            meeting="会议",
            event_date="2026-06-01",
            medium="digital",
            location="A-01",
            custodian=keeper,
            registered_by=keeper,
        )
        for n in range(ITEMS)
    )
    folder = Path(private_storage().location) / "files" / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for n in range(files):
        content = os.urandom(size)
        name = f"files/bench/{n:06d}.bin"
        (folder / f"{n:06d}.bin").write_bytes(content)
        rows.append(
            ItemFile(
                item=items[n % ITEMS],
                file=name,
                original_name=f"{n}.mp4",
                size=size,
                sha256=hashlib.sha256(content).hexdigest(),
                uploaded_by=keeper,
            )
        )
    ItemFile.objects.bulk_create(rows, batch_size=1000)


def drop_caches():
    """Ask the kernel to forget cached file pages (root only); False if not allowed."""
    try:
        os.sync()
        with open("/proc/sys/vm/drop_caches", "w") as handle:
            handle.write("3\n")
        return True
    except OSError:
        return False


def whole_pass(label, total_bytes):
    ItemFile.objects.update(verified_at=None, last_check="")
    queries = []

    def counted(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counted):
        start = time.perf_counter()
        result = verify_stored_files(budget_bytes=10**15, max_seconds=10**9)
        seconds = time.perf_counter() - start
    rate = total_bytes / seconds / 1024**2
    print(
        f"{label:<34} {result.checked:6d} files {seconds:8.2f} s "
        f"{rate:8.0f} MB/s {len(queries):6d} queries  ({result.intact} intact)"
    )


def one_beat_run(files, total_bytes):
    now = timezone.now()
    ItemFile.objects.update(verified_at=now, last_check="intact")
    later = now + timezone.timedelta(days=1)
    start = time.perf_counter()
    result = verify_stored_files(later)
    seconds = time.perf_counter() - start
    share = share_of_bytes(total_bytes)
    runs = -(-files // max(result.checked, 1))
    days = runs * conf.INTEGRITY_EVERY_SECONDS / 86400
    print(
        f"one beat run (every {conf.INTEGRITY_EVERY_SECONDS} s, cycle "
        f"{conf.INTEGRITY_CYCLE_DAYS} d): share {share / 1024**2:.1f} MB, "
        f"{result.checked} files in {seconds * 1000:.0f} ms; a whole pass in {runs} runs "
        f"= {days:.1f} days"
    )


def main():
    files = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    size = int(float(sys.argv[2]) * 1024**2) if len(sys.argv) > 2 else 1024**2
    try:
        start = time.perf_counter()
        build(files, size)
        total = files * size
        print(
            f"built {files} files of {size / 1024**2:.0f} MB ({total / 1024**3:.1f} GB) "
            f"in {time.perf_counter() - start:.0f} s"
        )
        whole_pass("whole pass, warm (page cache)", total)
        if drop_caches():
            whole_pass("whole pass, cold (caches dropped)", total)
        else:
            print("whole pass, cold: not measured (dropping the caches needs root)")
        one_beat_run(files, total)
    finally:
        shutil.rmtree(_TMP, ignore_errors=True)


if __name__ == "__main__":
    main()
