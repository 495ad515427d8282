"""Periodic shelf audits, discrepancies and the access log."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, Q
from django.db.models.functions import Cast
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from archive import services
from archive.choices import DISCREPANCY, SHELF_AUDIT, AuditResult, AuditStatus, DiscrepancyStatus
from archive.filters import AccessLogFilter, DiscrepancyFilter
from archive.forms import AuditStartForm, ResolveForm, ScanForm
from archive.history import ITEM_ACCESS_ACTIONS
from archive.models import (
    AuditLine,
    Collection,
    Discrepancy,
    Item,
    ShelfAudit,
)
from archive.permissions import kept_collection_ids, managed_collection_ids
from onsite.access import allowed, signed_in
from onsite.models import AuditEntry
from onsite.paging import paginate, posted
from onsite.permissions import may, require, visible
from onsite.transition_views import transition_view
from onsite.workflow import WorkflowError


@allowed("archive.manage")
@require_GET
def audit_list(request):
    rows = (
        visible(request.user, ShelfAudit)
        .select_related("collection", "started_by")
        .annotate(
            line_count=Count("lines", distinct=True),
            open_discrepancies=Count(
                "lines__discrepancy",
                filter=Q(lines__discrepancy__status=DiscrepancyStatus.OPEN),
                distinct=True,
            ),
        )
        .order_by("-started_at", "-pk")
    )
    return render(
        request,
        "archive/audit_list.html",
        {"page": paginate(request, rows), "may_start": may(request.user, "archive.run_audit")},
    )


@allowed("archive.run_audit")
@require_http_methods(["GET", "POST"])
def audit_start(request):
    collections = Collection.objects.filter(pk__in=kept_collection_ids(request.user))
    form = AuditStartForm(posted(request), collections=collections)
    if request.method == "POST" and form.is_valid():
        try:
            record = services.start_audit(
                request.user, form.cleaned_data["collection"], form.cleaned_data["location"]
            )
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            return redirect("archive:audit_detail", record.pk)
    return render(request, "archive/form.html", {"form": form, "title": _("Start an audit")})


def visible_audit(request, pk):
    return get_object_or_404(
        visible(request.user, ShelfAudit).select_related("collection", "started_by"), pk=pk
    )


def check_results():
    return [(v, label) for v, label in AuditResult.choices if v in services.CHECK_RESULTS]


@signed_in
@require_GET
def audit_detail(request, pk):
    record = visible_audit(request, pk)
    lines = record.lines.select_related("copy__item__collection", "checked_by", "discrepancy")
    may_check = may(request.user, "archive.complete_audit", record)
    context = {
        "record": record,
        "page": paginate(request, lines),
        "may_check": may_check and record.status == AuditStatus.OPEN,
        "results": check_results(),
        "scan_form": ScanForm(),
    }
    return render(request, "archive/audit_detail.html", context)


@signed_in
@require_POST
def audit_line_mark(request, pk):
    line = get_object_or_404(
        AuditLine.objects.filter(audit__in=visible(request.user, ShelfAudit)), pk=pk
    )
    require(request.user, "archive.complete_audit", line.audit)
    error = ""
    try:
        services.mark_audit_line(
            request.user, line, request.POST.get("result", ""), request.POST.get("note", "")
        )
    except WorkflowError as refused:
        error = str(refused)
    if request.htmx:
        line = AuditLine.objects.select_related(
            "copy__item__collection", "checked_by", "discrepancy"
        ).get(pk=line.pk)
        context = {
            "line": line,
            "may_check": True,
            "results": check_results(),
            "page": {"number": request.POST.get("page", 1)},
            "error": error,
        }
        return render(request, "archive/includes/audit_line_row.html", context)
    if error:
        messages.error(request, error)
    return redirect(
        reverse("archive:audit_detail", args=[line.audit_id])
        + f"?page={request.POST.get('page', 1)}#line-{line.pk}"
    )


# Complete an audit: the confirmation page of the transition.
audit_action = transition_view(SHELF_AUDIT, visible_audit)


@allowed("archive.manage")
@require_GET
def discrepancy_list(request):
    rows = visible(request.user, Discrepancy).select_related(
        "item__collection", "copy", "item_file", "line__audit", "resolved_by"
    )
    filters = DiscrepancyFilter(request.GET, queryset=rows)
    context = {"page": paginate(request, filters.qs), "filters": filters}
    return render(request, "archive/discrepancy_list.html", context)


def visible_discrepancy(request, pk):
    return get_object_or_404(
        visible(request.user, Discrepancy).select_related("item__collection", "copy"), pk=pk
    )


# Resolve a discrepancy: the confirmation page of the transition.
discrepancy_action = transition_view(
    DISCREPANCY, visible_discrepancy, forms={"resolve": ResolveForm}
)


@allowed("archive.manage")
@require_GET
def access_log(request):
    """Who opened which item page or downloaded which file, in the collections one manages."""
    managed = Item.objects.filter(collection_id__in=managed_collection_ids(request.user))
    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Item),
        action__in=ITEM_ACCESS_ACTIONS,
        object_id__in=managed.annotate(key=Cast("pk", CharField())).values("key"),
    ).select_related("actor")
    filters = AccessLogFilter(request.GET, queryset=entries)
    return render(
        request,
        "archive/access_log.html",
        {"page": paginate(request, filters.qs.order_by("-created_at", "-pk")), "filters": filters},
    )
