"""Loans: request, queues, the transitions (approve, reject, cancel, hand-over and return
with the borrower's signature) and the receipt."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from archive import services
from archive.choices import LOAN, OPEN_HOLD_STATES
from archive.filters import LoanQueueFilter
from archive.forms import LoanRequestForm, SignatureForm
from archive.models import Hold, Loan
from archive.terms import RETURN_TEXT, TERMS_TEXT
from archive.views.common import forbid_unless, visible_item
from archive.views.loan_rows import loan_rows
from onsite import audit
from onsite.access import allowed, signed_in
from onsite.paging import paginate, posted
from onsite.permissions import visible
from onsite.signatures import data_url
from onsite.transition_views import transition_page, transition_view
from onsite.workflow import WorkflowError


@signed_in
@require_http_methods(["GET", "POST"])
def loan_request(request, pk):
    item = visible_item(request, pk)
    forbid_unless(request.user, "archive.request_loan", item)
    form = LoanRequestForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            loan = services.request_loan(request.user, item, **form.cleaned_data)
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your request was sent to the leader in charge."))
            return redirect("archive:loan_detail", loan.pk)
    return render(
        request,
        "archive/form.html",
        {"form": form, "title": _("Borrow %(item)s") % {"item": item.reference}, "item": item},
    )


def _loan_rows(queryset):
    return queryset.select_related("item__collection", "borrower", "copy")


@signed_in
@require_GET
def my_loans(request):
    loans = _loan_rows(Loan.objects.filter(borrower=request.user))
    holds = Hold.objects.filter(person=request.user, status__in=OPEN_HOLD_STATES).select_related(
        "item__collection", "copy"
    )
    page = paginate(request, loans)
    context = {
        "page": page,
        "rows": loan_rows(page.object_list, request.user, timezone.localdate(), queue=False),
        "title": _("My loans"),
        "holds": holds,
    }
    return render(request, "archive/loan_list.html", context)


@allowed("archive.manage")
@require_GET
def loan_queue(request):
    filters = LoanQueueFilter(
        request.GET, queryset=visible(request.user, Loan).exclude(borrower=request.user)
    )
    page = paginate(request, _loan_rows(filters.qs).order_by("return_by", "pk"))
    context = {
        "page": page,
        "rows": loan_rows(page.object_list, request.user, timezone.localdate(), queue=True),
        "title": _("Loan queue"),
        "queue": True,
        "filters": filters,
    }
    return render(request, "archive/loan_list.html", context)


def visible_loan(request, pk):
    return get_object_or_404(
        visible(request.user, Loan).select_related(
            "item__collection", "borrower", "copy", "decided_by", "handed_over_by", "received_by"
        ),
        pk=pk,
    )


@signed_in
@require_GET
def loan_detail(request, pk):
    loan = visible_loan(request, pk)
    signatures = list(loan.signatures.select_related("signer"))
    for signed in signatures:
        signed.data_url = data_url(signed.image)
    context = {
        "loan": loan,
        "signatures": signatures,
        "downloads": loan.downloads.select_related("item_file", "user") if loan.is_digital else [],
        "access_open": loan.access_open(),
        "history": list(audit.history(loan)),
    }
    return render(request, "archive/loan_detail.html", context)


# Approve, reject, cancel: the generic confirmation page of each transition.
loan_action = transition_view(LOAN, visible_loan)


def _signature_page(request, pk, name):
    """Hand-over (the terms) or return (what the return confirms): the copy's label is
    scanned, the borrower signs."""
    loan = visible_loan(request, pk)
    move = LOAN.transition(name)
    terms = TERMS_TEXT if name == "hand_over" else RETURN_TEXT
    return transition_page(
        request,
        LOAN,
        loan,
        name,
        form=SignatureForm(posted(request), copy=loan.copy),
        template="archive/sign.html",
        context={"loan": loan, "title": move.label, "terms": terms, "scan": True},
        on_refused=lambda error, form: services.record_refused_signing(
            request.user, loan, form.cleaned_data.get("method", ""), error
        ),
    )


@signed_in
@require_http_methods(["GET", "POST"])
def loan_hand_over(request, pk):
    return _signature_page(request, pk, "hand_over")


@signed_in
@require_http_methods(["GET", "POST"])
def loan_return(request, pk):
    return _signature_page(request, pk, "return")


@signed_in
@require_GET
def loan_receipt(request, pk):
    loan = visible_loan(request, pk)
    if not loan.receipt:
        raise Http404
    try:
        content = services.read_receipt(request.user, loan)
    except WorkflowError as error:
        messages.error(request, str(error))
        return redirect("archive:loan_detail", loan.pk)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        True, _("Loan receipt") + f"-{loan.pk}.pdf"
    )
    return response
