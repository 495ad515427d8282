"""Scope checks: OnSite's query-level grant tables against django-guardian object permissions.

Both answer the same two questions for a supervisor of 2 departments out of 50 with
5,000 staff: "which staff may I see?" (a list page) and "may I see this person?"
(a detail page). Prints time per call and queries per call.

    .venv/bin/python bench/scope_queries.py   # SQLite, or DATABASE_URL=<empty throwaway db>
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.guardian_settings"

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from guardian.shortcuts import assign_perm, get_objects_for_user  # noqa: E402

from onsite.models import Department, StaffProfile  # noqa: E402
from onsite.permissions import supervises, visible  # noqa: E402

DEPARTMENTS, PER_DEPARTMENT, ROUNDS = 50, 100, 200


def build():
    call_command("migrate", verbosity=0)
    User = get_user_model()
    departments = Department.objects.bulk_create(
        Department(code=f"D{i}", name=f"部门{i}") for i in range(DEPARTMENTS)
    )
    users = User.objects.bulk_create(
        User(username=f"u{i}") for i in range(DEPARTMENTS * PER_DEPARTMENT)
    )
    StaffProfile.objects.bulk_create(
        StaffProfile(user=u, employee_no=f"E{i}", department=departments[i % DEPARTMENTS])
        for i, u in enumerate(users)
    )
    supervisor = User.objects.create(username="sup")
    supervisor.groups.add(Group.objects.get(name="supervisor"))
    for dept in departments[:2]:
        dept.supervisors.add(supervisor)
        assign_perm("onsite.change_department", supervisor, dept)  # guardian's grant
    return supervisor, users


def measure(label, fn):
    fn()
    with CaptureQueriesContext(connection) as ctx:
        fn()
    queries = len(ctx.captured_queries)
    start = time.perf_counter()
    for _ in range(ROUNDS):
        fn()
    per_call = (time.perf_counter() - start) / ROUNDS * 1000
    print(f"{label:<48} {per_call:8.2f} ms/call {queries:4d} queries")


def main():
    supervisor, users = build()
    User = get_user_model()
    inside, outside = users[0], users[5]  # departments 0 and 5

    def fresh():
        return User.objects.get(pk=supervisor.pk)  # no per-request caches carried over

    def ours_list():
        return list(visible(fresh(), User).values_list("pk", flat=True))

    def guardian_list():
        depts = get_objects_for_user(fresh(), "onsite.change_department", klass=Department)
        return list(User.objects.filter(profile__department__in=depts).values_list("pk", flat=True))

    def ours_check():
        user = fresh()
        return supervises(user, inside), supervises(user, outside)

    def guardian_check():
        user = fresh()
        return (
            user.has_perm("onsite.change_department", inside.profile.department),
            user.has_perm("onsite.change_department", outside.profile.department),
        )

    assert sorted(ours_list()) == sorted(guardian_list() + [supervisor.pk])
    assert ours_check() == guardian_check() == (True, False)
    print(f"{connection.vendor}: {DEPARTMENTS} departments, {len(users)} staff, {ROUNDS} rounds")
    measure("list visible staff: grant tables (OnSite)", ours_list)
    measure("list visible staff: django-guardian", guardian_list)
    measure("check one person: grant tables (OnSite)", ours_check)
    measure("check one person: django-guardian", guardian_check)


if __name__ == "__main__":
    main()
