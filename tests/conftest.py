"""The shared cast: one person per role, scoped to department A, venue V and collection C.

``outsider`` is on-site staff of department B: the supervisor of A must never see them.
"""

import os
import shutil
from types import SimpleNamespace

import pytest
from django.core.cache import cache

from onsite.choices import Role
from tests.factories import (
    AssignmentFactory,
    CollectionFactory,
    DepartmentFactory,
    SiteFactory,
    UserFactory,
    VenueFactory,
)


def is_postgres():
    from django.db import connection

    return connection.vendor == "postgresql"


def require_tool(name):
    """Find a binary; in CI (ONSITE_REQUIRE_ALL=1) a missing one fails instead of skipping."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("ONSITE_REQUIRE_ALL") == "1":
            pytest.fail(f"{name} is required in CI but is not installed")
        pytest.skip(f"{name} is not installed")
    return path


@pytest.fixture(autouse=True)
def _fast_tests(settings):
    # Argon2 is deliberately slow; tests that check hashing restore it themselves.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tests run from a clean checkout: no collectstatic manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    cache.clear()
    yield


@pytest.fixture
def cast(db):
    dept_a = DepartmentFactory(code="A", name="音视频部")
    dept_b = DepartmentFactory(code="B", name="信息部")
    site = SiteFactory(code="SITE", name="市会议中心")
    venue = VenueFactory(site=site, name="一号音控机房")
    collection = CollectionFactory(code="COL", name="会议录像")
    people = SimpleNamespace(
        dept_a=dept_a, dept_b=dept_b, site=site, venue=venue, collection=collection
    )
    people.staff = UserFactory(
        username="staff", last_name="张", first_name="伟", roles=[Role.STAFF], department=dept_a
    )
    people.supervisor = UserFactory(
        username="supervisor", roles=[Role.STAFF, Role.SUPERVISOR], department=dept_a
    )
    people.hr = UserFactory(username="hr", roles=[Role.HR], department=dept_b)
    people.vp = UserFactory(username="vp", roles=[Role.VP], department=dept_b)
    people.manager = UserFactory(
        username="manager", roles=[Role.STAFF, Role.VENUE_MANAGER], department=dept_a
    )
    people.custodian = UserFactory(
        username="custodian", roles=[Role.STAFF, Role.CUSTODIAN], department=dept_a
    )
    people.leader = UserFactory(username="leader", roles=[Role.LEADER], department=dept_b)
    people.outsider = UserFactory(username="outsider", roles=[Role.STAFF], department=dept_b)
    people.admin = UserFactory(
        username="admin", roles=[Role.ADMIN], department=dept_b, is_staff=True
    )
    dept_a.supervisors.add(people.supervisor)
    venue.managers.add(people.manager)
    venue.leaders.add(people.leader)
    collection.custodians.add(people.custodian)
    collection.leaders.add(people.leader)
    AssignmentFactory(user=people.staff, site=site)
    return people


@pytest.fixture
def login(client):
    """``login(user)`` signs the test client in as that user and returns the client."""

    def sign_in(user):
        client.force_login(user, backend="onsite.auth_backends.UsernameOrEmployeeNumberBackend")
        return client

    return sign_in
