"""Attendance exports (HR): a department's or a site's month made on the spot; the whole
company made in the background by the core's export framework, downloaded by the person
who asked for it."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from attendance import exports
from attendance.choices import ExportFormat
from attendance.filters import StaffMonthFilter, month_of
from attendance.forms import ExportForm
from attendance.models import AttendanceExport
from attendance.views.common import month_nav
from onsite import export_views
from onsite.access import allowed
from onsite.excel import XLSX
from onsite.paging import paginate
from onsite.permissions import visible
from onsite.ratelimit import throttled

CONTENT_TYPES = {ExportFormat.PDF: "application/pdf", ExportFormat.XLSX: XLSX}


@throttled("export")
def _export_file(request, fmt):
    """The month of the department or site in the query (the summary's filters), as a file.

    Without one, the whole company is meant: it is made in the background, from the
    exports page.
    """
    filters = StaffMonthFilter(
        request.GET, queryset=get_user_model().objects.none(), request=request
    )
    chosen, first = filters.cleaned, filters.first
    department, site = chosen.get("department"), chosen.get("site")
    if department is None and site is None:
        # A link cannot start anything (GET): the whole company is started from a button.
        messages.info(
            request,
            _(
                "The whole company is made in the background: start it with the button "
                "below, or choose a department or a site to download it now."
            ),
        )
        return redirect(f"{reverse('attendance:exports')}?month={first:%Y-%m}")
    content, name = exports.month_file(
        request.user,
        year=first.year,
        month=first.month,
        fmt=fmt,
        department=department,
        site=site,
    )
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


@allowed("attendance.export")
@require_GET
def export_pdf(request):
    return _export_file(request, ExportFormat.PDF)


@allowed("attendance.export")
@require_GET
def export_xlsx(request):
    return _export_file(request, ExportFormat.XLSX)


@allowed("attendance.export")
@require_GET
def export_list(request):
    first = month_of(request.GET)
    mine = visible(request.user, AttendanceExport).select_related("department", "site")
    form = ExportForm(initial={"month": f"{first:%Y-%m}", "format": ExportFormat.PDF})
    context = {"page": paginate(request, mine), "form": form, **month_nav(first)}
    return render(request, "attendance/exports.html", context)


@allowed("attendance.export")
@require_POST
def export_start(request):
    form = ExportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a month and a format."))
        return redirect("attendance:exports")
    exports.queue_month(request.user, **form.service_kwargs())
    messages.success(request, _("The export has started; this page shows when it is ready."))
    return redirect("attendance:exports")


# The core's views, behind HR's gate; each export answers its owner only (404 otherwise).
export_status = allowed("attendance.export")(
    export_views.status_view(AttendanceExport, "attendance/includes/export_row.html")
)
export_retry = allowed("attendance.export")(
    export_views.retry_view(AttendanceExport, back="attendance:exports")
)
export_download = allowed("attendance.export")(
    export_views.download_view(AttendanceExport, back="attendance:exports")
)
