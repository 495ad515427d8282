"""Every download of the project carries an RFC 6266 file name (``filename*=utf-8''…`` for a
Chinese name), generated files are named in Chinese, and Chromium saves each file under the
name the header gives.

The downloads are found, not listed by hand: every GET of the access expectations
(``tests/<app>/access_expectations.py``) is asked by a person it answers, and any answer
that is a file is a download; the set found must be ``DOWNLOADS``. Background exports are
built for real by the export framework (``tests/<app>/export_samples.py``), so their names
are the builders' own.
"""

import re
from urllib.parse import unquote

import pytest
from django.db import transaction
from django.urls import reverse

from onsite import exports
from tests.access import ROLES
from tests.factories import PASSWORD
from tests.test_access_matrix import EXPECTATIONS
from tests.test_export_kinds import KINDS

# Every URL of the project that answers a file (the enumeration below must find exactly these).
DOWNLOADS = {
    "archive:export_download",
    "archive:file_download[public]",
    "archive:item_register",
    "archive:labels",
    "archive:loan_receipt",
    "archive:loan_register",
    "attendance:export_download",
    "attendance:export_pdf",
    "attendance:export_xlsx",
    "duties:attachment[agreement]",
    "duties:attachment[authorisation]",
    "duties:attachment[certificate]",
    "duties:attachment[document]",
    "duties:attachment[site-document]",
    "duties:export_download",
    "equipment:attachment_download",
    "equipment:export_download",
    "equipment:feed",
    "equipment:inventory_export",
    "equipment:labels",
    "equipment:result_photo",
    "meetingroom:admission_sheet",
    "meetingroom:export_download",
    "meetingroom:notice_attachment",
    "meetingroom:pledge_scan",
    "meetingroom:venue_ical",
}
# A stored upload keeps the name its uploader gave it; every other file is named by the portal.
UPLOADS = {
    "archive:file_download[public]",
    "equipment:attachment_download",
    "meetingroom:notice_attachment",
}
UPLOADS |= {name for name in DOWNLOADS if name.startswith("duties:attachment[")}
# Shown in the page rather than saved (a photo in an <img>): the header is checked only.
SHOWN = {"equipment:result_photo"}
# Made by the export framework: built for real below, not from the expectations' fixtures.
BUILT = {name for name in DOWNLOADS if name.endswith(":export_download")}
CJK = re.compile(r"[\u4e00-\u9fff]")
HEADER = re.compile(
    r"^(?P<how>attachment|inline); "
    r"(?:filename\*=utf-8''(?P<encoded>[A-Za-z0-9%._~!$&'()*+,;=:@-]+)"
    r"|filename=\"(?P<plain>[ -~]+)\")$"
)


class _Undo(Exception):
    """Raised to roll a savepoint back: each expectation's objects vanish after it."""


def file_name(response):
    """The file name an RFC 6266 ``Content-Disposition`` gives (and the disposition)."""
    match = HEADER.match(response.get("Content-Disposition", ""))
    assert match, response.get("Content-Disposition")
    if match["encoded"]:
        return match["how"], unquote(match["encoded"], encoding="utf-8", errors="strict")
    return match["how"], match["plain"]


def _answering_role(spec):
    return next((r for r in ROLES if r != "anon" and spec.answer_for(r) == 200), None)


def _is_file(response):
    return "Content-Disposition" in response or not response.get(
        "Content-Type", "text/html"
    ).startswith("text/html")


def built_export(cast, app):
    """(owner, download URL) of a real export of ``app``, built now by the framework."""
    name = next(kind for kind in sorted(KINDS) if kind.startswith(f"{app}."))
    owner, kwargs = KINDS[name](cast)
    export = exports.queue(owner, name, **kwargs)
    exports.run(type(export)._meta.label, export.pk)
    return owner, reverse(f"{app}:export_download", args=[export.token])


@pytest.mark.django_db
def test_every_download_of_the_project_is_found_and_named_by_rfc_6266(cast, client):
    found = {}
    for name, spec in sorted(EXPECTATIONS.items()):
        role = _answering_role(spec)
        if spec.method != "get" or role is None or name.startswith("throwaway:"):
            continue
        try:
            with transaction.atomic():
                client.force_login(getattr(cast, role))
                response = client.get(spec.url(cast))
                if response.status_code == 200 and _is_file(response):
                    found[name] = file_name(response)
                raise _Undo
        except _Undo:
            pass
    assert set(found) == DOWNLOADS
    for name, (_how, saved_as) in found.items():
        assert saved_as, name
        if name not in UPLOADS | BUILT:
            assert CJK.search(saved_as), (name, saved_as)


@pytest.mark.django_db
@pytest.mark.parametrize("app", sorted({name.split(":")[0] for name in BUILT}))
def test_every_background_export_is_named_in_chinese(app, cast, client):
    owner, url = built_export(cast, app)
    client.force_login(owner)
    response = client.get(url)
    assert response.status_code == 200
    how, saved_as = file_name(response)
    assert how == "attachment" and CJK.search(saved_as), saved_as


def _log_in(page, user):
    page.goto("/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("#login [type=submit]")
    page.wait_for_url("**/")


def _save(page, url):
    """Click a link to ``url`` and return the name Chromium saves the file under."""
    with page.expect_download() as info:
        page.evaluate(
            "url => { const a = document.createElement('a'); a.href = url;"
            " document.body.append(a); a.click(); }",
            url,
        )
    return info.value.suggested_filename


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("name", sorted(DOWNLOADS - SHOWN))
def test_chromium_saves_each_download_under_its_name(name, cast, new_page, client):
    if name in BUILT:
        person, url = built_export(cast, name.split(":")[0])
    else:
        spec = EXPECTATIONS[name]
        person, url = getattr(cast, _answering_role(spec)), spec.url(cast)
    client.force_login(person)
    page = new_page()
    _log_in(page, person)
    before = file_name(client.get(url))[1]
    saved = _save(page, url)
    # A name stamped to the minute may turn over between two asks: either is the header's.
    assert saved in {before, file_name(client.get(url))[1]}
