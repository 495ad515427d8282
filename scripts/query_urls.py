"""Print every GET URL with query parameters that the given people can open: the pages of
every URL pattern without arguments and, one level down, one page of each pattern they link
to (an object's page), fetched as each person (Django's test client, in the installation's
own settings); query strings are read from their links and GET forms (filters, search).

    .venv/bin/python scripts/query_urls.py USERNAME... > urls.txt   (for .ci/sqlmap)
"""

import os
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onsite.settings")


_FIELDS = ("input", "select", "textarea")


class Page(HTMLParser):
    """The same-site links with a query string and the GET forms of one page."""

    def __init__(self):
        super().__init__()
        self.links, self.forms, self._form = [], [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and (attrs.get("href") or "").startswith("/"):
            self.links.append(attrs["href"])
        elif tag == "form" and (attrs.get("method") or "get").lower() == "get":
            self._form = {"action": attrs.get("action") or "", "fields": {}}
            self.forms.append(self._form)
        elif (
            self._form is not None and tag in ("input", "select", "textarea") and attrs.get("name")
        ):
            if attrs.get("type") in ("submit", "button", "file"):
                return
            self._form["fields"].setdefault(attrs["name"], attrs.get("value") or "1")

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def _paths(resolver, prefix=""):
    from django.urls import URLPattern, URLResolver

    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _paths(entry, route)
        elif isinstance(entry, URLPattern) and "<" not in route and "(?P" not in route:
            yield "/" + route.lstrip("^").rstrip("$")


def _pattern(path):
    from django.urls import Resolver404, resolve

    if path.startswith(("/admin", "/accounts/log", "/static")):
        return None
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.route if match.kwargs else None


def _queries(client, path, found):
    """Record the query URLs of one page in ``found``; return its plain same-site links."""
    response = client.get(path, secure=True)
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return []
    page = Page()
    page.feed(response.content.decode("utf-8", "replace"))
    urls = list(page.links)
    urls += [
        (form["action"] or path) + "?" + urlencode(form["fields"])
        for form in page.forms
        if form["fields"]
    ]
    plain = []
    for url in urls:
        parts = urlsplit(url)
        if parts.netloc:
            continue
        if not parts.query:
            plain.append(parts.path)
            continue
        params = found.setdefault(parts.path or path, {})  # one URL per page, every parameter
        for key, value in parse_qsl(parts.query, keep_blank_values=True):
            params.setdefault(key, value or "1")
    return plain


def main(usernames):
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import get_resolver

    found = {}
    paths = [p for p in _paths(get_resolver()) if not p.startswith(("/admin", "/accounts/log"))]
    for username in usernames:
        client = Client(HTTP_HOST=os.environ.get("ALLOWED_HOSTS", "localhost").split(",")[0])
        client.force_login(get_user_model().objects.get(username=username))
        seen_patterns = set()
        for path in paths:
            for link in _queries(client, path, found):
                name = _pattern(link)
                if name and name not in seen_patterns:  # one object's page per pattern
                    seen_patterns.add(name)
                    _queries(client, link, found)
    for path, params in sorted(found.items()):
        print(f"{path}?{urlencode(params)}")


if __name__ == "__main__":
    main(sys.argv[1:])
