"""Loans: request, queues, approval, hand-over and return with signatures, receipt."""

import base64

from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from archive import services
from archive.choices import (
    LOAN,
    OPEN_LOAN_STATES,
    LoanStatus,
    SignatureMethod,
)
from archive.forms import (
    CommentForm,
    LoanRequestForm,
    SignatureForm,
)
from archive.models import (
    Loan,
)
from archive.terms import TERMS_TEXT
from archive.views.common import (
    confirm_page,
    forbid_unless,
    paginate,
    posted,
    visible_item,
)
from onsite import audit
from onsite.access import allowed, signed_in
from onsite.permissions import may, visible
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
    context = {
        "page": paginate(request, loans),
        "today": timezone.localdate(),
        "title": _("My loans"),
    }
    return render(request, "archive/loan_list.html", context)


QUEUE_FILTERS = {
    "open": Q(status__in=OPEN_LOAN_STATES),
    "requested": Q(status=LoanStatus.REQUESTED),
    "approved": Q(status=LoanStatus.APPROVED),
    "out": Q(status=LoanStatus.HANDED_OVER),
    "all": Q(),
}


@allowed("archive.manage")
@require_GET
def loan_queue(request):
    show = request.GET.get("show", "open")
    if show == "overdue":
        condition = Q(status=LoanStatus.HANDED_OVER, return_by__lt=timezone.localdate())
    else:
        condition = QUEUE_FILTERS.get(show, QUEUE_FILTERS["open"])
    loans = _loan_rows(
        visible(request.user, Loan).exclude(borrower=request.user).filter(condition)
    ).order_by("return_by", "pk")
    context = {
        "page": paginate(request, loans),
        "today": timezone.localdate(),
        "title": _("Loan queue"),
        "queue": True,
        "show": show,
        "filters": [
            ("open", _("Not finished")),
            ("requested", _("To decide")),
            ("approved", _("To hand over")),
            ("out", _("Out")),
            ("overdue", _("Overdue")),
            ("all", _("All")),
        ],
    }
    return render(request, "archive/loan_list.html", context)


def _visible_loan(request, pk):
    return get_object_or_404(
        visible(request.user, Loan).select_related(
            "item__collection", "borrower", "copy", "decided_by", "handed_over_by", "received_by"
        ),
        pk=pk,
    )


def _data_url(png):
    return "data:image/png;base64," + base64.b64encode(bytes(png)).decode() if png else ""


@signed_in
@require_GET
def loan_detail(request, pk):
    loan = _visible_loan(request, pk)
    signatures = list(loan.signatures.select_related("signer"))
    for signed in signatures:
        signed.data_url = _data_url(signed.image)
    user = request.user
    context = {
        "loan": loan,
        "signatures": signatures,
        "history": list(audit.history(loan)),
        "actions": [
            (name, label, url_name)
            for name, label, url_name, action in [
                ("approve", _("Approve"), "archive:loan_approve", "archive.decide_loan"),
                ("reject", _("Reject"), "archive:loan_reject", "archive.decide_loan"),
                ("hand_over", _("Hand over"), "archive:loan_hand_over", "archive.hand_over_loan"),
                ("return", _("Take back"), "archive:loan_return", "archive.receive_loan"),
                ("cancel", _("Cancel"), "archive:loan_cancel", "archive.cancel_loan"),
            ]
            if LOAN.can(loan.status, name) and may(user, action, loan)
        ],
    }
    return render(request, "archive/loan_detail.html", context)


@signed_in
@require_http_methods(["GET", "POST"])
def loan_approve(request, pk):
    loan = _visible_loan(request, pk)
    return confirm_page(
        request,
        loan,
        action="archive.decide_loan",
        title=_("Approve the loan"),
        question=_("A free copy is reserved for the borrower."),
        form=CommentForm(posted(request)),
        do=lambda d: services.approve_loan(request.user, loan, d["comment"]),
        back=reverse("archive:loan_detail", args=[loan.pk]),
    )


@signed_in
@require_http_methods(["GET", "POST"])
def loan_reject(request, pk):
    loan = _visible_loan(request, pk)
    return confirm_page(
        request,
        loan,
        action="archive.decide_loan",
        title=_("Reject the loan"),
        question=_("Say why; the borrower is told."),
        form=CommentForm(posted(request), required=True),
        do=lambda d: services.reject_loan(request.user, loan, d["comment"]),
        back=reverse("archive:loan_detail", args=[loan.pk]),
        danger=True,
    )


@signed_in
@require_http_methods(["GET", "POST"])
def loan_cancel(request, pk):
    loan = _visible_loan(request, pk)
    return confirm_page(
        request,
        loan,
        action="archive.cancel_loan",
        title=_("Cancel the loan"),
        question=_("A reserved copy is freed."),
        form=CommentForm(posted(request)),
        do=lambda d: services.cancel_loan(request.user, loan, d["comment"]),
        back=reverse("archive:loan_detail", args=[loan.pk]),
        danger=True,
    )


def _signature_page(request, loan, *, action, title, do):
    forbid_unless(request.user, action, loan)
    form = SignatureForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["method"] == SignatureMethod.DRAWN:
                given = services.SignatureInput.from_data_url(data["signature"])
            else:
                given = services.SignatureInput(method=data["method"], password=data["password"])
            do(data, given)
        except WorkflowError as error:
            services.record_refused_signing(request.user, loan, data["method"], error)
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Done."))
            return redirect("archive:loan_detail", loan.pk)
    context = {"loan": loan, "form": form, "title": title, "terms": TERMS_TEXT}
    return render(request, "archive/sign.html", context, status=400 if form.errors else 200)


@signed_in
@require_http_methods(["GET", "POST"])
def loan_hand_over(request, pk):
    loan = _visible_loan(request, pk)
    return _signature_page(
        request,
        loan,
        action="archive.hand_over_loan",
        title=_("Hand over"),
        do=lambda d, given: services.hand_over_loan(
            request.user, loan, condition=d["condition"], note=d["note"], signature=given
        ),
    )


@signed_in
@require_http_methods(["GET", "POST"])
def loan_return(request, pk):
    loan = _visible_loan(request, pk)
    return _signature_page(
        request,
        loan,
        action="archive.receive_loan",
        title=_("Take back"),
        do=lambda d, given: services.return_loan(
            request.user, loan, condition=d["condition"], note=d["note"], signature=given
        ),
    )


@signed_in
@require_GET
def loan_receipt(request, pk):
    loan = _visible_loan(request, pk)
    if not loan.receipt:
        raise Http404
    try:
        content = services.read_receipt(request.user, loan)
    except WorkflowError as error:
        messages.error(request, str(error))
        return redirect("archive:loan_detail", loan.pk)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="receipt-{loan.pk}.pdf"'
    return response
