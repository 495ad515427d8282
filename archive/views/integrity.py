"""Storage integrity: when each stored file was last verified, and what was found."""

from datetime import timedelta

from django.db.models import F, Q
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from archive.choices import FileCheck
from archive.conf import conf
from archive.permissions import managed_collection_ids
from archive.services.integrity import integrity_summary, live_files
from onsite.access import allowed
from onsite.paging import paginate

SHOW = ("all", "problems", "overdue")


@allowed("archive.manage")
@require_GET
def integrity_list(request):
    """The stored files of the collections one keeps or leads, verified longest ago first."""
    files = live_files().filter(item__collection_id__in=managed_collection_ids(request.user))
    overdue_before = timezone.now() - timedelta(days=conf.INTEGRITY_CYCLE_DAYS)
    show = request.GET.get("show", "all")
    show = show if show in SHOW else "all"
    rows = files
    if show == "problems":
        rows = files.filter(last_check__in=[FileCheck.ALTERED, FileCheck.MISSING])
    elif show == "overdue":
        rows = files.filter(Q(verified_at__isnull=True) | Q(verified_at__lt=overdue_before))
    rows = rows.select_related("item__collection").order_by(
        F("verified_at").asc(nulls_first=True), "pk"
    )
    context = {
        "page": paginate(request, rows),
        "summary": integrity_summary(files),
        "show": show,
        "cycle_days": conf.INTEGRITY_CYCLE_DAYS,
        "overdue_before": overdue_before,
    }
    return render(request, "archive/integrity_list.html", context)
