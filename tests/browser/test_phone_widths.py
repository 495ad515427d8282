"""No page of the demo is wider than a phone, for any role.

The demo data is loaded, then Chromium at a 412 px phone viewport signs in as each demo
person and crawls every page reachable by following links from the home page (same site,
GET, no downloads, no administration site, not the tests' own throw-away app). A URL is
visited once per path and set of query keys (``?month=`` of every month is one page). Every
page found is measured: nothing may be wider than the screen (tables become cards or
scroll inside their own box). On ``main`` before this test it found the calendar at 554 px,
a site's page at 469 px and the leave types at 418 px.
"""

from collections import deque
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.urls import Resolver404, resolve

from onsite.demo import DEMO_PASSWORD, PEOPLE, load_demo_data
from tests.browser.test_downloads import DOWNLOADS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE_412 = {"width": 412, "height": 915}
FILES = {name.split("[", 1)[0] for name in DOWNLOADS}
SKIPPED = {"logout", "favicon"}


def _page_key(url):
    """(path, query keys): one visit per page, whatever the values of its filters."""
    parts = urlsplit(url)
    return parts.path, tuple(sorted({key for key, _value in parse_qsl(parts.query)}))


def _crawlable(url, origin):
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or f"{parts.scheme}://{parts.netloc}" != origin:
        return False
    if parts.path.startswith(("/admin/", "/static/", "/throwaway/")):
        return False
    try:
        match = resolve(parts.path)
    except Resolver404:
        return False
    return match.view_name not in FILES | SKIPPED


def _links(page):
    return page.eval_on_selector_all("a[href]", "links => links.map(a => a.href.split('#')[0])")


def crawl(page, origin):
    """{url: scroll width} of every page reachable from the home page."""
    widths, seen = {}, set()
    queue = deque([f"{origin}/"])
    while queue:
        url = queue.popleft()
        key = _page_key(url)
        if key in seen:
            continue
        seen.add(key)
        response = page.goto(url)
        if response is None or response.status != 200:
            continue
        if "text/html" not in (response.headers.get("content-type") or ""):
            continue
        widths[url] = page.evaluate("document.documentElement.scrollWidth")
        queue.extend(link for link in _links(page) if _crawlable(link, origin))
    return widths


def _demo():
    """The demo, on a database a transactional test may have flushed (the role groups and
    leave types of the data migrations are put back first)."""
    from django.contrib.auth.models import Group

    from attendance.choices import DEFAULT_LEAVE_TYPES
    from onsite.choices import Role
    from tests.attendance.conftest import leave_type

    for role in Role:
        Group.objects.get_or_create(name=role)
    for code, *_rest in DEFAULT_LEAVE_TYPES:
        leave_type(code)
    load_demo_data()


@pytest.mark.parametrize("username", [person[0] for person in PEOPLE])
def test_no_page_is_wider_than_a_phone_for_anyone(username, new_page, live_server):
    _demo()
    page = new_page(viewport=PHONE_412, is_mobile=True, has_touch=True)
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("#login [type=submit]")
    page.wait_for_url("**/")
    widths = crawl(page, live_server.url)
    too_wide = {url: width for url, width in widths.items() if width > PHONE_412["width"]}
    assert len(widths) >= 5, widths  # the crawl really went through the portal
    print(username, len(widths), "pages")  # noqa: T201  (shown with -s)
    assert not too_wide, too_wide
