"""Digital loans: the request, the leader's decision, the borrower's signature of the digital
terms, and who downloaded what."""

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from archive import services
from archive.choices import DIGITAL_LOAN
from archive.forms import DigitalApproveForm, DigitalLoanRequestForm, TermsForm
from archive.models import FileDownload
from archive.terms import DIGITAL_TERMS_TEXT
from archive.views.common import forbid_unless, visible_item
from archive.views.loans import visible_loan
from onsite.access import allowed, signed_in
from onsite.paging import paginate, posted
from onsite.permissions import visible
from onsite.transition_views import transition_page, transition_view
from onsite.workflow import WorkflowError


@signed_in
@require_http_methods(["GET", "POST"])
def digital_loan_request(request, pk):
    item = visible_item(request, pk)
    forbid_unless(request.user, "archive.request_digital_loan", item)
    form = DigitalLoanRequestForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            loan = services.request_digital_loan(request.user, item, **form.cleaned_data)
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your request was sent to the leader in charge."))
            return redirect("archive:loan_detail", loan.pk)
    return render(
        request,
        "archive/form.html",
        {
            "form": form,
            "title": _("Open the file of %(item)s") % {"item": item.reference},
            "item": item,
        },
    )


# Approve (with the access window), reject, finish, revoke, cancel a digital loan.
digital_loan_action = transition_view(
    DIGITAL_LOAN, visible_loan, forms={"approve": DigitalApproveForm}
)


@signed_in
@require_http_methods(["GET", "POST"])
def loan_sign(request, pk):
    """The borrower reads and signs the digital terms; access opens for the window."""
    loan = visible_loan(request, pk)
    return transition_page(
        request,
        DIGITAL_LOAN,
        loan,
        "sign",
        form=TermsForm(posted(request)),
        template="archive/sign.html",
        context={
            "loan": loan,
            "title": DIGITAL_LOAN.transition("sign").label,
            "terms": DIGITAL_TERMS_TEXT,
        },
        on_refused=lambda error, form: services.record_refused_signing(
            request.user, loan, form.cleaned_data.get("method", ""), error
        ),
    )


@allowed("archive.manage")
@require_GET
def download_list(request):
    """Who downloaded which file, when, from where, under which loan, with what SHA-256."""
    rows = visible(request.user, FileDownload).select_related(
        "item__collection", "item_file", "loan", "user"
    )
    query = (request.GET.get("q") or "").strip()
    if query:
        rows = rows.filter(
            Q(user__username__icontains=query)
            | Q(user__last_name__icontains=query)
            | Q(user__first_name__icontains=query)
            | Q(item__title__icontains=query)
            | Q(file_name__icontains=query)
        )
    context = {"page": paginate(request, rows.order_by("-downloaded_at", "-pk")), "query": query}
    return render(request, "archive/download_list.html", context)
