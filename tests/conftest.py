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
def _fast_tests(settings, tmp_path):
    # Argon2 is deliberately slow; tests that check hashing restore it themselves.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tests run from a clean checkout: no collectstatic manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # A broker failure in one test must not keep the breaker open for the next.
    from onsite import queueing

    queueing.reset_breaker()
    # Private files (exports, archive files) of a test stay in its own folder.
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    cache.clear()
    # A month remembered in one test is never another's (their stamps differ anyway).
    from attendance import memory

    memory.forget()
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


# --- Browser: Playwright driving Debian's Chromium (never a downloaded browser) ------------
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole run, shared by every test folder."""
    executable = os.environ.get("CHROMIUM") or require_tool("chromium")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls made by
    # fixtures around it are ordinary synchronous calls.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    """``new_page(phone=False, **context_options)``: a fresh browser context on the live server.

    Every page is watched for Content-Security-Policy violations (``tests/browser/csp.py``):
    a test whose pages break the policy fails at its end, whatever it tested."""
    from tests.browser.csp import watch

    contexts, violations = [], []

    def open_page(phone=False, **options):
        if phone:
            options = {"viewport": PHONE, "is_mobile": True, "has_touch": True, **options}
        else:
            options = {"viewport": DESKTOP, **options}
        context = browser.new_context(base_url=live_server.url, **options)
        contexts.append(context)
        violations.append(watch(context))
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
    refused = [line for lines in violations for line in lines]
    assert not refused, f"Content-Security-Policy violations: {refused}"


@pytest.fixture
def phone(new_page):
    return new_page(phone=True)


@pytest.fixture
def desktop(new_page):
    return new_page()
