"""Render print templates (``templates/<app>/pdf/*.html`` extending ``pdf/base.html``) to PDF.

The CJK font comes from the system (Debian's fonts-noto-cjk, installed by the project's
commands); WeasyPrint finds it through fontconfig, so no font is fetched from anywhere.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone


def render_pdf(template_name, context, *, exported_by=None):
    """Return the PDF bytes of a print template; the footer names the exporter and time."""
    from weasyprint import HTML

    context = {
        "company_name": settings.COMPANY_NAME,
        "exported_by": exported_by,
        "exported_at": timezone.localtime(),
        **context,
    }
    html = render_to_string(template_name, context)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
