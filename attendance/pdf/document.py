"""Render a template once per part and join the parts (see ``attendance.pdf``)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from attendance.conf import conf
from attendance.pdf.parallel import Renderer, join


def slices(groups, size):
    """[(department, rows, continued)]: each department's rows in slices of ``size``."""
    for department, rows in groups:
        for start in range(0, max(len(rows), 1), size):
            yield department, rows[start : start + size], start > 0


def pack(sections, size):
    """Parts of consecutive sections (``{"size": rows, ...}``) of at most ``size`` rows
    together: small departments share a part (a small company is one part, made in the
    caller without starting a worker), a long one has its own slices."""
    parts, rows = [], size
    for section in sections:
        if not parts or rows + section["size"] > size:
            parts.append({"sections": []})
            rows = 0
        parts[-1]["sections"].append(section)
        rows += section["size"]
    return parts


def render_document(template_name, parts, context, *, exported_by, page_size):
    """The PDF of ``template_name`` rendered once per part and joined.

    ``parts`` is a list of dicts added to ``context`` (``first`` and ``last`` are set);
    one part is rendered here with its own page numbers, several in the worker processes.
    """
    context = {
        "company_name": settings.COMPANY_NAME,
        "exported_by": exported_by,
        "exported_at": timezone.localtime(),
        **context,
    }
    parts = parts or [{}]
    numbered = len(parts) == 1
    htmls = [
        render_to_string(
            template_name,
            {
                **context,
                **part,
                "first": index == 0,
                "last": index == len(parts) - 1,
                "numbered": numbered,
            },
        )
        for index, part in enumerate(parts)
    ]
    with Renderer(conf.PDF_WORKERS) as renderer:
        pdfs = renderer.render(htmls)
        if numbered:
            return pdfs[0]
        (numbers,) = renderer.render([_page_numbers(pdfs, page_size)])
    return join(pdfs, numbers)


def _page_numbers(pdfs, page_size):
    """The HTML of as many pages as the parts hold, showing only "page x / y"."""
    from io import BytesIO

    from pypdf import PdfReader

    count = sum(len(PdfReader(BytesIO(pdf)).pages) for pdf in pdfs)
    return render_to_string(
        "attendance/pdf/page_numbers.html", {"pages": range(count), "page_size": page_size}
    )
