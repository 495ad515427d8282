"""The item list of a person who sees items through single-item grants only (an auditor):
SQL queries and time of the list page with 1, 10 and 100 grants among ITEMS items, and
the queries of the items' scope alone.

Builds a throwaway SQLite database in a temporary folder (removed at the end).

    .venv/bin/python bench/archive_grant_list.py [items=2000]
"""

import os
import shutil
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
_TMP = tempfile.mkdtemp(prefix="onsite-bench-")
os.environ["ONSITE_VAR_DIR"] = _TMP
os.environ.pop("DATABASE_URL", None)
os.environ["DJANGO_SETTINGS_MODULE"] = "onsite.settings"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from archive.models import Collection, Copy, Item, ItemGrant  # noqa: E402
from archive.services.grants import view_item_permission  # noqa: E402
from onsite.models import Department, StaffProfile  # noqa: E402
from onsite.permissions import visible  # noqa: E402

ROUNDS = 20


def build(count):
    call_command("migrate", verbosity=0)
    User = get_user_model()
    department = Department.objects.create(code="AU", name="审计部")
    leader = User.objects.create(username="leader")
    auditor = User.objects.create(username="auditor", last_name="王", first_name="审")
    StaffProfile.objects.create(user=auditor, employee_no="A1", department=department)
    collection = Collection.objects.create(code="C01", name="会议录音录像")
    collection.leaders.add(leader)
    items = Item.objects.bulk_create(
        Item(
            collection=collection,
            title=f"第{n}次会议录像",
            meeting="工作会议",
            event_date="2026-06-01",
            classification=3,
            medium="disc",
            location="A-01",
            custodian=leader,
            registered_by=leader,
        )
        for n in range(count)
    )
    Copy.objects.bulk_create(Copy(item=i, number=1, code=Copy.make_code(i, 1)) for i in items)
    return leader, auditor, items


def grant(leader, auditor, items):
    now = timezone.now()
    permission = view_item_permission()
    ItemGrant.objects.bulk_create(
        ItemGrant(
            user=auditor,
            permission=permission,
            content_object=item,
            reason="审计抽查",
            starts_at=now - timedelta(hours=1),
            ends_at=now + timedelta(days=7),
            granted_by=leader,
        )
        for item in items
    )


def measure(client, auditor, grants):
    url = reverse("archive:item_list")
    client.get(url)
    with CaptureQueriesContext(connection) as page:
        response = client.get(url)
    queries = len(page)  # now: the next request clears the connection's log
    assert response.status_code == 200, response.status_code
    if os.environ.get("SHOW_SQL"):
        for query in page.captured_queries:
            print("   ", query["sql"][:160])
    start = time.perf_counter()
    for _ in range(ROUNDS):
        client.get(url)
    per_page = (time.perf_counter() - start) / ROUNDS * 1000
    fresh = get_user_model().objects.get(pk=auditor.pk)
    with CaptureQueriesContext(connection) as scope:
        seen = len(list(visible(fresh, Item).values_list("pk", flat=True)))
    print(
        f"{grants:4d} grants: list page {queries:3d} queries {per_page:7.1f} ms; "
        f"scope alone {len(scope)} query, {seen} items seen"
    )


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.STORAGES = {  # no collectstatic manifest in a throwaway run
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    try:
        leader, auditor, items = build(count)
        client = Client()
        client.force_login(auditor, backend="onsite.auth_backends.UsernameOrEmployeeNumberBackend")
        done = 0
        for grants in (1, 10, 100):
            grant(leader, auditor, items[done:grants])
            done = grants
            measure(client, auditor, grants)
    finally:
        shutil.rmtree(_TMP, ignore_errors=True)


if __name__ == "__main__":
    main()
