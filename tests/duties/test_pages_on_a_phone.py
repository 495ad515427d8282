"""Every duties page a person may open fits a phone: nothing wider than its screen (tables
scroll inside their own box). Opened in Chromium at 390 px by staff, a supervisor and HR."""

import pytest

from tests.conftest import PHONE
from tests.duties.access_expectations import EXPECTATIONS
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FILES = ("duties:attachment", "duties:export_download")
ROLES = ("staff", "supervisor", "hr")


def _pages():
    for name, spec in sorted(EXPECTATIONS.items()):
        if spec.method != "get" or name.startswith(FILES):
            continue
        for role in ROLES:
            if spec.answer_for(role) == 200:
                yield name, role


def _log_in(page, username):
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("#login [type=submit]")
    page.wait_for_url("**/")


def test_every_duties_page_fits_a_phone(cast, new_page):
    pages = dict.fromkeys(ROLES)
    urls, too_wide = {}, []
    for name, role in _pages():
        if pages[role] is None:
            pages[role] = new_page(phone=True)
            _log_in(pages[role], getattr(cast, role).username)
        page = pages[role]
        url = urls.setdefault(name, EXPECTATIONS[name].url(cast))
        response = page.goto(url)
        assert response.status == 200, (name, role, response.status)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide.append((name, role, width))
    assert not too_wide
