"""WeasyPrint never fetches a URL or reads a file named in what people typed.

A local HTTP server counts every request; HTML with images, style sheets and imports
pointing at it (and at local files) is rendered: no request arrives, no file outside the
project's static folders is read. The same HTML under WeasyPrint's own fetcher does reach
the server, so the server would have seen a fetch.
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from onsite import pdf as pdf_module
from onsite.pdf import html_to_pdf, render_pdf, static_file


@pytest.fixture
def listener():
    """An HTTP server on 127.0.0.1 recording the paths it is asked for."""
    asked = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the standard library's name
            asked.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", asked
    server.shutdown()
    server.server_close()


def _hostile_html(base):
    return f"""<html><head>
    <link rel="stylesheet" href="{base}/sheet.css">
    <style>@import url("{base}/import.css"); p {{ background: url("{base}/bg.png") }}</style>
    </head><body><p>正文</p>
    <img src="{base}/img.png"><img src="//{base.split("//")[1]}/scheme-relative.png">
    <img src="file:///etc/passwd"><img src="/static/../../../etc/passwd">
    <object data="{base}/object"></object><iframe src="{base}/frame"></iframe>
    </body></html>"""


def test_no_request_arrives_from_urls_in_the_page(listener):
    base, asked = listener
    pdf = html_to_pdf(_hostile_html(base))
    assert pdf.startswith(b"%PDF")
    assert asked == []


def test_weasyprints_own_fetcher_would_have_fetched_them(listener):
    from weasyprint import HTML

    base, asked = listener
    HTML(string=_hostile_html(base)).write_pdf()
    assert "/img.png" in asked and "/sheet.css" in asked


def test_a_persons_name_with_an_image_tag_fetches_nothing_in_an_export(listener, cast):
    base, asked = listener
    cast.staff.last_name = f'<img src="{base}/name.png"><link rel=stylesheet href="{base}/x.css">'
    cast.staff.save()
    assert render_pdf("pdf/base.html", {}, exported_by=cast.staff).startswith(b"%PDF")
    assert asked == []


def test_only_the_projects_static_files_are_served(settings):
    assert static_file("/static/onsite/favicon.svg").name == "favicon.svg"
    assert static_file((settings.BASE_DIR / "static/onsite/onsite.css").as_uri()) is not None
    assert static_file("file:///etc/passwd") is None
    assert static_file("/static/../../../etc/passwd") is None
    assert static_file((settings.BASE_DIR / "manage.py").as_uri()) is None
    assert static_file("http://127.0.0.1/static/onsite/onsite.css") is None


def test_a_static_image_and_a_data_url_still_render(monkeypatch):
    pixel = (
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4"
        "nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg=="
    )
    assert b"/Image" in html_to_pdf(f'<img src="{pixel}">')
    served = []

    def spy(url):
        served.append(found := static_file(url))
        return found

    monkeypatch.setattr(pdf_module, "static_file", spy)
    html_to_pdf('<img src="/static/onsite/favicon.svg" width="40">')
    assert [path.name for path in served] == ["favicon.svg"]
