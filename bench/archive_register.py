"""Archive at scale: the scoped item list and the registers for a person cleared for some
collections. Prints time per call, queries per call and export sizes.

Builds a throwaway SQLite database in a temporary folder (nothing else is touched):
20 collections × ITEMS items at random levels; the reader is granted 3 collections up to
Secret. Then times the item list page, a search, a detail page, the Excel register, the
PDF register's page (a PDF is never made in the request: the page offers it) and the
background task that makes the PDF (all the reader may see, then one collection).

    .venv/bin/python bench/archive_register.py [items_per_collection=500]
"""

import os
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

import random  # noqa: E402
from datetime import date, timedelta  # noqa: E402

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from archive import exports  # noqa: E402
from archive.models import Collection, CollectionAccess, Copy, Item, RegisterExport  # noqa: E402
from onsite import exports as framework  # noqa: E402
from onsite.models import Department, StaffProfile  # noqa: E402

COLLECTIONS, GRANTED = 20, 3


def build(per_collection):
    call_command("migrate", verbosity=0)
    User = get_user_model()
    department = Department.objects.create(code="AV", name="音视频技术部")
    keeper = User.objects.create(username="keeper", last_name="赵", first_name="磊")
    reader = User.objects.create(username="reader", last_name="张", first_name="伟")
    for number, user in enumerate((keeper, reader)):
        StaffProfile.objects.create(user=user, employee_no=f"E{number}", department=department)
    rng = random.Random(7)
    collections = Collection.objects.bulk_create(
        Collection(code=f"C{i:02d}", name=f"会议录音录像{i}") for i in range(COLLECTIONS)
    )
    items = Item.objects.bulk_create(
        Item(
            collection=collection,
            title=f"第{n}次工作会议录像",
            meeting=f"工作会议{n}",
            event_date=date(2026, 1, 1) + timedelta(days=n % 300),
            classification=rng.randint(0, 3),
            medium=rng.choice(["tape", "disc", "drive", "digital"]),
            location=f"柜-{n % 40}",
            custodian=keeper,
            registered_by=keeper,
        )
        for collection in collections
        for n in range(per_collection)
    )
    Copy.objects.bulk_create(
        Copy(item=item, number=1, code=Copy.make_code(item, 1)) for item in items
    )
    for collection in collections[:GRANTED]:
        CollectionAccess.objects.create(user=reader, collection=collection, clearance=2)
    return reader


def measure(client, label, url, rounds):
    client.get(url)
    executed = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(url)
    start = time.perf_counter()
    for _ in range(rounds):
        client.get(url)
    per_call = (time.perf_counter() - start) / rounds * 1000
    size = len(response.content)
    print(f"{label:<32} {per_call:9.1f} ms/call {len(executed):4d} queries {size:>10,d} bytes")


def main():
    per_collection = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    settings.ALLOWED_HOSTS = ["*"]
    # The benchmark asks for more files a minute than a person may (``onsite.ratelimit``).
    settings.ONSITE_EXPORTS_PER_MINUTE = 1000
    settings.ONSITE_EXPORTS_PER_HOUR = 1000
    settings.STORAGES["staticfiles"]["BACKEND"] = (
        "django.contrib.staticfiles.storage.StaticFilesStorage"
    )
    reader = build(per_collection)
    visible = Item.objects.filter(
        collection__in=Collection.objects.filter(grants__user=reader), classification__lte=2
    ).count()
    print(f"{COLLECTIONS * per_collection} items, {visible} visible to the reader")
    client = Client()
    client.force_login(reader, backend="onsite.auth_backends.UsernameOrEmployeeNumberBackend")
    item = Item.objects.filter(collection__code="C00", classification=2).first()
    measure(client, "item list, page 1", reverse("archive:item_list"), 20)
    measure(client, "item list, page 5", reverse("archive:item_list") + "?page=5", 20)
    measure(client, "search 工作会议1", reverse("archive:item_list") + "?q=工作会议1", 20)
    measure(client, "detail (audited read)", reverse("archive:item_detail", args=[item.pk]), 20)
    measure(client, "register Excel", reverse("archive:item_register", args=["xlsx"]), 2)
    measure(
        client,
        "register PDF (the page offering it)",
        reverse("archive:item_register", args=["pdf"]),
        5,
    )
    background(reader, "register PDF, background task", {})
    first = Collection.objects.get(code="C00").pk
    background(reader, "register PDF, one collection", {"collection": str(first)})


def background(reader, label, params):
    """Queue a PDF register for ``reader`` and run its task here, timed."""
    export = exports.queue_register(reader, "items", params)
    start = time.perf_counter()
    framework.run(RegisterExport._meta.label, export.pk)
    export.refresh_from_db()
    print(
        f"{label:<32} {(time.perf_counter() - start) * 1000:9.1f} ms"
        f"      {export.rows} rows {export.file.size:>10,d} bytes"
    )


if __name__ == "__main__":
    main()
