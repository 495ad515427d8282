"""Render print templates (``templates/<app>/pdf/*.html`` extending ``pdf/base.html``) to PDF.

The CJK font comes from the system (Debian's fonts-noto-cjk, installed by the project's
commands); WeasyPrint finds it through fontconfig, so no font is fetched from anywhere.

WeasyPrint never fetches what a page names: the ``StaticOnlyFetcher`` serves ``data:`` URLs and
the project's own static files, and refuses every other address (the web, the intranet,
any other file), so text a person typed can never make the server fetch a URL or read a file.
"""

from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone


def _static_roots():
    roots = [Path(settings.STATIC_ROOT)]
    roots += [Path(location) for location in settings.STATICFILES_DIRS]
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            if getattr(storage, "location", None):
                roots.append(Path(storage.location))
    return [root.resolve() for root in roots]


def static_file(url):
    """The path of a project static file named by ``url`` (a ``file:`` URL inside a static
    folder, or ``/static/…`` resolved against the page), or None if it names anything else."""
    parts = urlsplit(url)
    if parts.scheme not in ("", "file") or parts.netloc not in ("", "localhost"):
        return None
    path = unquote(parts.path)
    candidate = Path(path).resolve()
    if any(candidate.is_relative_to(root) for root in _static_roots()):
        return candidate
    static_prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    if path.startswith(static_prefix) and ".." not in path.split("/"):
        found = finders.find(path.removeprefix(static_prefix))
        return Path(found).resolve() if found else None
    return None


def _fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        """``data:`` URLs and the project's static files; every other address is refused."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = static_file(url)
            if path is None or not path.is_file():
                raise ValueError(f"Not a static file of the project: {url[:200]}")
            return URLFetcherResponse(path.as_uri(), path.read_bytes())

    return StaticOnlyFetcher(allowed_protocols={"data", "file"}, allow_redirects=False)


def html_to_pdf(html):
    """PDF bytes of an HTML string; only the static-only fetcher fetches anything."""
    from weasyprint import HTML

    base = Path(settings.STATIC_ROOT).resolve().as_uri() + "/"
    return HTML(string=html, base_url=base, url_fetcher=_fetcher()).write_pdf()


def render_pdf(template_name, context, *, exported_by=None):
    """Return the PDF bytes of a print template; the footer names the exporter and time."""
    context = {
        "company_name": settings.COMPANY_NAME,
        "exported_by": exported_by,
        "exported_at": timezone.localtime(),
        **context,
    }
    return html_to_pdf(render_to_string(template_name, context))
