"""QR labels: a sheet of labels as PDF, each a QR code (segno) of the device's page.

Scanning a label opens the device's page (after log-in), which leads to its due inspection.
"""

import segno
from django.conf import settings

from onsite.pdf import render_pdf

MAX_LABELS = 300


def qr_data_uri(url):
    """A PNG data URI of the QR code of ``url`` (embedded in the PDF, never fetched)."""
    return segno.make(url, error="m").png_data_uri(scale=6, border=2)


def device_url(base_url, device):
    return base_url.rstrip("/") + device.get_absolute_url()


def label_sheet(devices, base_url, exported_by=None):
    """PDF bytes: one label per device (QR code, reference, name, location, serial)."""
    labels = [
        {"device": device, "qr": qr_data_uri(device_url(base_url, device))}
        for device in devices[:MAX_LABELS]
    ]
    return render_pdf(
        "equipment/pdf/labels.html",
        {"labels": labels, "company_name": settings.COMPANY_NAME},
        exported_by=exported_by,
    )
