"""QR labels: the PDF's codes decode to each device's page, which (after log-in) leads to its
due inspection."""

import io
from urllib.parse import urlparse

import zxingcpp
from django.urls import reverse
from pypdf import PdfReader

from equipment.models import Inspection


def decoded_codes(pdf_bytes):
    texts = []
    for page in PdfReader(io.BytesIO(pdf_bytes)).pages:
        for image in page.images:
            found = zxingcpp.read_barcodes(image.image.convert("L"))
            texts += [code.text for code in found]
    return texts


def test_each_label_decodes_to_its_device_and_leads_to_the_due_inspection(cast, eq, login, client):
    staff = login(cast.staff)
    response = staff.get(reverse("equipment:labels"), {"id": [eq.pc1.pk, eq.mixer.pk]})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    codes = decoded_codes(response.content)
    assert sorted(codes) == sorted(
        f"http://testserver{device.get_absolute_url()}" for device in (eq.pc1, eq.mixer)
    )
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert eq.pc1.reference in text and "主控电脑" in text
    # Scanned without a session: log in first, then the device's page and its due inspection.
    path = urlparse(next(c for c in codes if c.endswith(eq.pc1.get_absolute_url()))).path
    client.logout()
    anonymous = client.get(path)
    assert anonymous.status_code == 302 and f"next={path}" in anonymous.url.replace("%2F", "/")
    page = login(cast.staff).get(path)
    due = Inspection.objects.get(plan=eq.plan, status="due")
    assert reverse("equipment:inspection_record", args=[due.pk]) in page.content.decode()


def test_labels_of_devices_out_of_scope_are_not_made(cast, eq, login):
    response = login(cast.outsider).get(reverse("equipment:labels"), {"id": [eq.pc1.pk]})
    assert decoded_codes(response.content) == []
