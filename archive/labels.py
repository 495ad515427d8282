"""Copy labels: a sheet of labels as PDF, each with the QR code of the copy's label code.

The code (``Copy.code``: the item's reference and the copy's number) is what the
custodian scans at hand-over, return and shelf audit, or types when no camera helps. A
label shows the reference, the copy and the classification, never the title: a label is
read by anyone who holds the copy.
"""

import segno
from django.conf import settings

from onsite.pdf import render_pdf

MAX_LABELS = 600


def qr_data_uri(code):
    """A PNG data URI of the QR code of ``code`` (embedded in the PDF, never fetched)."""
    return segno.make(code, error="m").png_data_uri(scale=6, border=2)


def label_sheet(copies, exported_by=None):
    """PDF bytes: one label per copy (QR code, code, reference, copy, classification)."""
    labels = [{"copy": copy, "qr": qr_data_uri(copy.code)} for copy in copies[:MAX_LABELS]]
    return render_pdf(
        "archive/pdf/labels.html",
        {"labels": labels, "company_name": settings.COMPANY_NAME},
        exported_by=exported_by,
    )
