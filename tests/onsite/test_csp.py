"""The Content-Security-Policy: nothing inline anywhere, every answer carries the policy, and
the pages work under it in Chromium.

The policy (``CONTENT_SECURITY_POLICY`` in the settings, django-csp) allows scripts, styles,
fonts and requests from the portal only; images also as ``data:`` (a drawn signature, the
authenticator's QR code, Bootstrap's form icons). So no template may hold a ``<script>``
with a body, a ``<style>``, a ``style="…"`` or an ``onclick="…"``: the browser would refuse
them. A ``<script type="application/json">`` (``json_script``) is data, never run: allowed.
Print templates (``templates/**/pdf/``) are read by WeasyPrint, not by a browser: they keep
their CSS.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from playwright.sync_api import expect

from onsite.demo import DEMO_PASSWORD, PEOPLE
from tests.access import LOGIN, ROLES
from tests.browser.csp import watch
from tests.conftest import DESKTOP, PHONE
from tests.factories import PASSWORD, NotificationFactory
from tests.test_access_matrix import EXPECTATIONS

POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; "
    "base-uri 'self'; object-src 'none'"
)


def directives(header):
    """{directive: sources} of a policy header (django-csp writes them in any order)."""
    parts = (part.split() for part in (header or "").split(";") if part.strip())
    return {part[0]: sorted(part[1:]) for part in parts}


def is_the_policy(header):
    return directives(header) == directives(POLICY)


# --- What is inline in a piece of HTML (a template or a page) -----------------------------

_DJANGO_COMMENT = re.compile(r"\{#.*?#\}|\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}", re.S)
_DJANGO_CODE = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.S)  # may hold a ">" inside a tag
_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)(\s[^<>]*)?>")
_ATTRIBUTE = re.compile(r"""\s([^\s=/>"']+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_URL_ATTRIBUTES = ("href", "src", "action", "formaction")
_JSON = re.compile(r"""type\s*=\s*["']?application/(?:ld\+)?json""", re.I)


def _blank(match):
    """A placeholder for template code, with its newlines (line numbers stay right)."""
    return "{…}" + "\n" * match.group(0).count("\n")


def inline_code(html):
    """[(line, what)] of everything a strict policy refuses in ``html``."""
    text = _DJANGO_CODE.sub(_blank, _DJANGO_COMMENT.sub(_blank, html))
    found = []
    for tag in _TAG.finditer(text):
        name, attributes = tag.group(1).lower(), tag.group(2) or ""
        line = text.count("\n", 0, tag.start()) + 1
        if name == "style":
            found.append((line, "<style> block"))
        if name == "script" and " src=" not in f" {attributes}" and not _JSON.search(attributes):
            found.append((line, "inline <script>"))
        for attribute in _ATTRIBUTE.finditer(attributes):
            key = attribute.group(1).lower()
            value = next((v for v in attribute.groups()[1:] if v is not None), "")
            if key == "style":
                found.append((line, f'style="{value}"'))
            elif key.startswith("on") or key.startswith(("hx-on", "data-hx-on")):
                found.append((line, f"{key}= handler"))
            elif key in _URL_ATTRIBUTES and value.strip().lower().startswith("javascript:"):
                found.append((line, f"{key}=javascript: URL"))
    return found


def web_template_files():
    """Every template a browser is shown: the project's and each app's, not the print ones."""
    folders = [Path(settings.BASE_DIR) / "templates"]
    folders += sorted(Path(settings.BASE_DIR).glob("*/templates"))
    folders += sorted(Path(settings.BASE_DIR).glob("tests/*/templates"))
    return sorted(
        path
        for folder in folders
        for path in folder.rglob("*.html")
        if "pdf" not in path.relative_to(folder).parts
    )


def test_the_scanner_finds_each_kind_of_inline_code():
    html = (
        '<script>alert(1)</script>\n<script src="/static/a.js"></script>\n'
        '<script type="application/json" id="d">{}</script>\n<style>p{}</style>\n'
        '<div class="x" style="width: 5%">\n<form onsubmit="return confirm(\'?\')">\n'
        '<a href="javascript:void(0)">\n<button hx-on:click="x()">\n'
        '{# <style> in a comment is no style #}<p data-on="1" {% if a > b %}hidden{% endif %}>'
    )
    assert [what for _line, what in inline_code(html)] == [
        "inline <script>",
        "<style> block",
        'style="width: 5%"',
        "onsubmit= handler",
        "href=javascript: URL",
        "hx-on:click= handler",
    ]
    assert [line for line, _what in inline_code(html)] == [1, 4, 5, 6, 7, 8]


def test_no_web_template_holds_an_inline_script_style_or_handler():
    files = web_template_files()
    assert len(files) > 100  # the scan really walked the apps' folders
    found = [
        f"{path.relative_to(settings.BASE_DIR)}:{line}: {what}"
        for path in files
        for line, what in inline_code(path.read_text(encoding="utf-8"))
    ]
    assert not found, "Inline code the Content-Security-Policy refuses:\n" + "\n".join(found)


# --- Every answer carries the policy ------------------------------------------------------


class _Undo(Exception):
    """Raised to roll a savepoint back: each expectation's objects vanish after it."""


def _answering_role(spec):
    """Who gets the page itself (a 200) if anyone does, else whoever is not sent to log in."""
    signed_in = [role for role in ROLES if role != "anon"]
    return next((r for r in signed_in if spec.answer_for(r) == 200), None) or next(
        (r for r in signed_in if spec.answer_for(r) != LOGIN), "anon"
    )


def _check_answer(name, response):
    """What is wrong with one answer: the policy missing or loosened, or inline code."""
    problems = []
    if not is_the_policy(response.get("Content-Security-Policy")):
        problems.append(f"{name}: policy {response.get('Content-Security-Policy')!r}")
    if "unsafe-inline" in response.get("Content-Security-Policy", ""):
        problems.append(f"{name}: 'unsafe-inline'")
    is_page = response.get("Content-Type", "").startswith("text/html")
    if response.status_code == 200 and is_page and not response.streaming:
        for line, what in inline_code(response.content.decode()):
            problems.append(f"{name}: line {line}: {what}")
    return problems


@pytest.mark.django_db
def test_every_url_of_every_app_answers_with_the_policy_and_no_inline_code(cast, client):
    problems, pages = [], 0
    for name, spec in sorted(EXPECTATIONS.items()):
        role = _answering_role(spec)
        try:
            with transaction.atomic():
                client.logout()
                if role != "anon":
                    client.force_login(getattr(cast, role))
                data = spec.data(cast) if callable(spec.data) else spec.data
                response = getattr(client, spec.method)(spec.url(cast), data or {})
                pages += response.status_code == 200
                problems += _check_answer(f"{name} as {role}", response)
                raise _Undo
        except _Undo:
            pass
    assert pages > 150  # most URLs really answered their page
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/accounts/login/", 200),
        ("/no-such-page/", 404),
        ("/accounts/login/?q=%00", 400),
        ("/static/onsite/onsite.css", 200),
    ],
)
@pytest.mark.django_db
def test_pages_before_log_in_error_pages_and_files_carry_the_policy_too(
    client, settings, path, status
):
    settings.WHITENOISE_USE_FINDERS = True  # static files without collectstatic
    response = client.get(path)
    assert response.status_code == status
    assert is_the_policy(response["Content-Security-Policy"])
    # The other headers of the hardening stay.
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=(self)" in response["Permissions-Policy"]


def test_the_server_error_page_has_no_inline_style():
    page = (Path(settings.BASE_DIR) / "templates" / "500.html").read_text(encoding="utf-8")
    assert inline_code(page) == []


@pytest.mark.django_db
def test_the_administration_site_answers_with_the_policy_and_no_inline_code(cast, client):
    client.force_login(cast.admin)
    for url in [
        reverse("admin:index"),
        reverse("admin:onsite_site_changelist"),
        reverse("admin:onsite_site_add"),
        reverse("admin:onsite_site_change", args=[cast.site.pk]),
        reverse("admin:auth_user_changelist"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert _check_answer(url, response) == []


# --- In Chromium: the pages work under the policy -----------------------------------------


def _watched_page(browser, live_server, **options):
    context = browser.new_context(base_url=live_server.url, **options)
    return context, context.new_page(), watch(context)


def _sign_in(page, username, password=PASSWORD):
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("#login [type=submit]")
    page.wait_for_url("**/")


def _main_menu(page):
    links = page.eval_on_selector_all(
        "[data-testid=main-nav] a[href], .navbar .dropdown-menu a[href]",
        "links => links.map(a => a.getAttribute('href'))",
    )
    return sorted({link for link in links if link.startswith("/") and "logout" not in link})


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("username", [person[0] for person in PEOPLE])
def test_every_demo_person_opens_the_main_pages_of_each_app_without_a_violation(
    username, browser, live_server
):
    from tests.browser.test_phone_widths import _demo

    _demo()
    context, page, violations = _watched_page(browser, live_server)
    try:
        _sign_in(page, username, DEMO_PASSWORD)
        opened = []
        for path in _main_menu(page):
            response = page.goto(path)
            assert is_the_policy(response.headers["content-security-policy"]), path
            page.wait_for_load_state("load")
            opened.append(path)
        assert len(opened) >= 3, opened
        assert not violations, violations
    finally:
        context.close()


@pytest.fixture
def watched(browser, live_server):
    """``watched(username, phone=False)``: a signed-in page and its list of violations."""
    contexts = []

    def open_page(username, phone=False):
        options = {"viewport": PHONE, "is_mobile": True, "has_touch": True} if phone else {}
        context, page, violations = _watched_page(
            browser, live_server, **(options or {"viewport": DESKTOP})
        )
        contexts.append(context)
        _sign_in(page, username)
        return page, violations

    yield open_page
    for context in contexts:
        context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_watch_sees_what_the_policy_refuses(cast, watched):
    """The browser tests' watch (here and in every ``new_page``) is not blind: an inline
    script and an inline style put into a page are refused and reported."""
    page, violations = watched("staff")
    with page.expect_console_message(lambda message: "inline style" in message.text):
        page.evaluate(
            """() => {
              const script = document.createElement("script");
              script.textContent = "document.title = 'ran'";
              document.body.append(script);
              document.body.insertAdjacentHTML("beforeend", '<p style="color: red">x</p>');
            }"""
        )
    assert page.title() != "ran"
    page.evaluate("() => 1")  # one more round trip: the events before it have arrived
    # Each is seen twice: the securitypolicyviolation event and Chromium's console message.
    assert any(line.startswith("script-src-elem inline") for line in violations), violations
    assert any(line.startswith("style-src-attr inline") for line in violations), violations
    assert sum(line.startswith("console: ") for line in violations) == 2, violations


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_htmx_posts_swaps_and_polls_under_the_policy(cast, watched):
    note = NotificationFactory(recipient=cast.staff, title="机房巡检提醒")
    page, violations = watched("staff")
    page.goto("/notifications/")
    # htmx's own indicator rules come from onsite.css, not from a <style> it injects.
    assert page.locator("head style").count() == 0
    page.click(f"#note-{note.pk} button")  # hx-post, the row swapped in place
    page.locator(f"#note-{note.pk} button").wait_for(state="detached")
    note.refresh_from_db()
    assert note.read_at is not None
    assert not violations, violations

    from meetingroom import services

    door, door_violations = watched("manager")
    door.clock.install()
    door.goto(f"/meetings/venues/{cast.venue.pk}/door/")
    services.log_entry(cast.manager, cast.venue, person=cast.staff)
    door.clock.fast_forward("00:31")  # the panel asks for itself again (hx-trigger every 30s)
    # (expect polls through Playwright's selectors: a string for wait_for_function would be
    # eval'd in the page, which the policy refuses.)
    expect(door.locator("[data-testid=inside]")).to_contain_text("张伟")
    assert not door_violations, door_violations


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_confirmation_asks_before_a_deputy_is_withdrawn(cast, watched):
    from attendance.models import Delegation
    from tests.attendance.access_expectations import _delegation

    pk = _delegation(cast)
    page, violations = watched("supervisor")
    page.goto("/attendance/deputies/")
    questions = []

    def answer(dialog, accept):
        questions.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", lambda dialog: answer(dialog, accept=False))
    page.click("[data-testid=deputies] [data-action=withdraw]")
    assert questions == ["撤销该代理人？"]
    assert Delegation.objects.filter(pk=pk).exists()  # "cancel" sends nothing
    page.once("dialog", lambda dialog: answer(dialog, accept=True))
    with page.expect_navigation():
        page.click("[data-testid=deputies] [data-action=withdraw]")
    assert len(questions) == 2
    assert not Delegation.objects.filter(pk=pk).exists()
    assert not violations, violations


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_tables_become_labelled_cards_on_a_phone_under_the_policy(cast, watched):
    from tests.attendance.access_expectations import _delegation

    _delegation(cast)
    page, violations = watched("supervisor", phone=True)
    page.goto("/attendance/deputies/")
    table = page.locator("[data-testid=deputies]")
    assert not table.locator("thead").is_visible()
    labels = table.locator("tbody tr").first.locator("td[data-label]")
    assert labels.first.get_attribute("data-label") == "主管"
    assert labels.count() >= 5
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert not violations, violations


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_qr_code_and_a_progress_bar_show_under_the_policy(cast, watched):
    from tests.duties.factories import TaskFactory

    task = TaskFactory(assignee=cast.staff, assigned_by=cast.supervisor, progress=40)
    page, violations = watched("staff")
    page.goto("/accounts/two-factor/setup/")
    qr = page.locator("img[src^='data:image/svg+xml']")  # was blank: an SVG without xmlns
    qr.wait_for()
    page.wait_for_load_state("load")
    assert page.evaluate("img => img.complete && img.naturalWidth > 0", qr.element_handle())
    page.goto(f"/duties/tasks/{task.pk}/")
    bar = page.locator(".progress .progress-bar")
    ratio = page.evaluate(
        "bar => bar.offsetWidth / bar.parentElement.offsetWidth", bar.element_handle()
    )
    assert ratio == pytest.approx(0.4, abs=0.01)  # the width comes from the class w-pct-40
    assert not violations, violations


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_administration_site_works_under_the_policy(cast, watched):
    # A transactional test loses the role groups' permissions of the data migrations; the
    # pages, not the permissions, are tested here.
    type(cast.admin).objects.filter(pk=cast.admin.pk).update(is_superuser=True)
    page, violations = watched("admin")
    for path in ["/admin/", "/admin/onsite/site/", f"/admin/onsite/site/{cast.site.pk}/change/"]:
        response = page.goto(path)
        assert response.status == 200, path
        page.wait_for_load_state("load")
    page.fill("#id_name", "市会议中心（新）")
    with page.expect_navigation():
        page.click("[name=_save]")
    cast.site.refresh_from_db()
    assert cast.site.name == "市会议中心（新）"
    assert not violations, violations
