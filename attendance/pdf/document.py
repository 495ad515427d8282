"""Render a template once per part and join the parts (see ``attendance.pdf``)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from attendance.conf import conf
from attendance.pdf.parallel import join, render_parts


def slices(groups, size):
    """[(department, rows, continued)]: each department's rows in slices of ``size``."""
    for department, rows in groups:
        for start in range(0, max(len(rows), 1), size):
            yield department, rows[start : start + size], start > 0


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
    pdfs = render_parts(htmls, conf.PDF_WORKERS)
    if numbered:
        return pdfs[0]
    return join(pdfs, _page_numbers(pdfs, page_size))


def _page_numbers(pdfs, page_size):
    """A PDF of as many pages as the parts hold, showing only "page x / y"."""
    from io import BytesIO

    from pypdf import PdfReader

    from onsite.pdf import html_to_pdf

    count = sum(len(PdfReader(BytesIO(pdf)).pages) for pdf in pdfs)
    html = render_to_string(
        "attendance/pdf/page_numbers.html", {"pages": range(count), "page_size": page_size}
    )
    return html_to_pdf(html)
