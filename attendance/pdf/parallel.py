"""Long PDFs made in parts, in parallel worker processes, and joined into one file.

WeasyPrint's time and memory grow with the document; a whole company's month is cut into
parts (a department, or a slice of a long one), each part's HTML is rendered by the
caller (in the requester's language) and turned into PDF by a small pool of worker
processes (``python -m attendance.pdf.worker``, talking over pipes). Plain subprocesses
work everywhere: in a web request, in a test, and inside a Celery prefork worker, whose
daemonic children may not start a ``multiprocessing`` pool.

The parts are joined with pypdf, which keeps each part's outline (one entry per
department heading). The parts carry no page numbers of their own: a cheap document of
as many blank pages, holding only the page-number footer, is drawn over the joined pages
as a form XObject, so "page x / y" runs on across the parts.
"""

import contextlib
import os
import queue
import struct
import subprocess
import sys
import threading
from io import BytesIO

from django.conf import settings

from onsite.pdf import html_to_pdf

_LENGTH = struct.Struct(">I")
OK, FAILED = b"+", b"-"


class RenderError(RuntimeError):
    """A worker process could not make a part."""


def send(stream, status, payload):
    stream.write(status + _LENGTH.pack(len(payload)) + payload)
    stream.flush()


def receive(stream):
    """(status, payload) of one frame, or (None, None) at the end of the stream."""
    head = stream.read(1 + _LENGTH.size)
    if len(head) < 1 + _LENGTH.size:
        return None, None
    (length,) = _LENGTH.unpack(head[1:])
    payload = stream.read(length)
    if len(payload) < length:
        raise RenderError("The PDF worker stopped in the middle of a part.")
    return head[:1], payload


def _start_worker():
    env = dict(os.environ)
    env.setdefault("DJANGO_SETTINGS_MODULE", "onsite.settings")
    return subprocess.Popen(
        [sys.executable, "-m", "attendance.pdf.worker"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        cwd=str(settings.BASE_DIR),
        env=env,
    )


class Renderer:
    """Up to ``workers`` worker processes, started on first need and kept until the
    ``with`` block ends, so the parts and then their page numbers share them.

    ``render(htmls)`` answers the PDF bytes of each HTML string, in order. It renders in
    this process when ``workers`` is 0, or for a single document while no worker runs
    (a department made on the spot in a request is not worth starting a process).
    """

    def __init__(self, workers):
        self.workers = workers
        self.processes = []

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        for process in self.processes:
            with contextlib.suppress(OSError):  # a worker that died took its pipe with it
                process.stdin.close()
        for process in self.processes:
            process.wait(timeout=60)
            process.stdout.close()
        self.processes = []

    def render(self, htmls):
        htmls = list(htmls)
        if self.workers <= 0 or (len(htmls) <= 1 and not self.processes):
            return [html_to_pdf(html) for html in htmls]
        while len(self.processes) < min(self.workers, len(htmls)):
            self.processes.append(_start_worker())
        jobs = queue.Queue()
        for item in enumerate(htmls):
            jobs.put(item)
        results, errors = [None] * len(htmls), []
        threads = [
            threading.Thread(target=_serve, args=(process, jobs, results, errors), daemon=True)
            for process in self.processes[: len(htmls)]
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if errors:
            raise errors[0]
        return results


def _serve(process, jobs, results, errors):
    """One thread: its worker process makes documents from ``jobs`` until none is left."""
    try:
        while not errors:
            try:
                index, html = jobs.get_nowait()
            except queue.Empty:
                return
            try:
                send(process.stdin, OK, html.encode())
            except BrokenPipeError:
                raise RenderError("The PDF worker stopped before taking a part.") from None
            status, payload = receive(process.stdout)
            if status != OK:
                message = payload.decode(errors="replace") if payload else "no answer"
                raise RenderError(f"The PDF worker failed: {message[-500:]}")
            results[index] = payload
    except Exception as error:  # noqa: BLE001 - handed to the caller's thread
        errors.append(error)


def join(parts, numbers):
    """One PDF of ``parts`` (PDF bytes, in order; outlines kept) with the pages of
    ``numbers`` (a PDF of as many pages holding only the page numbers) drawn over them."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for part in parts:
        writer.append(PdfReader(BytesIO(part)), import_outline=True)
    first = PdfReader(BytesIO(parts[0]))
    if first.metadata:
        writer.add_metadata({k: v for k, v in first.metadata.items() if isinstance(v, str)})
    overlay = PdfReader(BytesIO(numbers))
    if len(overlay.pages) != len(writer.pages):
        raise RenderError("The page numbers do not match the pages.")
    for number, (page, over) in enumerate(zip(writer.pages, overlay.pages, strict=True)):
        _stamp(writer, page, over, number)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _stamp(writer, page, over, number):
    """Draw page ``over`` on ``page`` as a form XObject (no content stream is parsed).

    The pages of a part share one resource dictionary: each page's form has its own name.
    """
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        NameObject,
    )

    form = DecodedStreamObject()
    form.set_data(over.get_contents().get_data())
    form[NameObject("/Type")] = NameObject("/XObject")
    form[NameObject("/Subtype")] = NameObject("/Form")
    form[NameObject("/BBox")] = over.mediabox
    form[NameObject("/Resources")] = over["/Resources"].clone(writer)
    form_ref = writer._add_object(form)
    resources = page.get("/Resources")
    resources = resources.get_object() if resources is not None else DictionaryObject()
    xobjects = resources.get("/XObject")
    xobjects = xobjects.get_object() if xobjects is not None else DictionaryObject()
    name = NameObject(f"/OnsitePageNumber{number}")
    xobjects[name] = form_ref
    resources[NameObject("/XObject")] = xobjects
    page[NameObject("/Resources")] = resources
    before, after = DecodedStreamObject(), DecodedStreamObject()
    before.set_data(b"q\n")
    after.set_data(b"\nQ q " + name.encode() + b" Do Q\n")
    contents = page.get("/Contents")
    contents = contents.get_object() if contents is not None else ArrayObject()
    old = list(contents) if isinstance(contents, ArrayObject) else [page.raw_get("/Contents")]
    page[NameObject("/Contents")] = ArrayObject(
        [writer._add_object(before), *old, writer._add_object(after)]
    )
