"""Company documents: sending, the recipient's receipt (sign, answer, explain), the sender's
follow-up (who signed, answered, objected, when), revision, withdrawal."""

from django.contrib import messages
from django.db.models import Count, OuterRef
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from duties.choices import DOCUMENT, RECEIPT, SILENT_RECEIPT_STATES, ReceiptStatus
from duties.filters import MyReceiptFilter, ReceiptFilter
from duties.forms.common import comment_form
from duties.forms.documents import DocumentForm, ReviseForm
from duties.models import CompanyDocument, Receipt
from duties.services import documents as service
from duties.views.common import fetch, forbid_unless, form_page
from duties.views.receipt_rows import receipt_rows
from onsite import audit
from onsite.access import allowed, signed_in
from onsite.counting import count_of
from onsite.paging import paginate, posted
from onsite.permissions import may, visible
from onsite.transition_views import transition_page, transition_view
from onsite.workflow import WorkflowError


@signed_in
@require_GET
def document_list(request):
    """My receipts (to sign and answer); the documents I sent or follow, for senders."""
    user = request.user
    mine = MyReceiptFilter(
        request.GET,
        queryset=Receipt.objects.filter(recipient=user)
        .select_related("document")
        .order_by("-document__sent_at", "-pk"),
    )
    context = {
        "page": paginate(request, mine.qs),
        "filters": mine,
        "tab": "mine",
        "can_send": may(user, "duties.send_document"),
    }
    return render(request, "duties/document_list.html", context)


@allowed("duties.send_document")
@require_GET
def document_sent(request):
    """Documents the person sent or follows, with how many answered, objected, are silent."""
    # Counted for the page's documents only (correlated subqueries the page count leaves
    # out; a join and GROUP BY counted every receipt of every document).
    receipts = Receipt.objects.filter(document=OuterRef("pk"))
    documents = (
        visible(request.user, CompanyDocument)
        .select_related("sender")
        .annotate(
            total=count_of(receipts, "document"),
            silent=count_of(receipts.filter(status__in=SILENT_RECEIPT_STATES), "document"),
            objected=count_of(receipts.filter(status=ReceiptStatus.OBJECTED), "document"),
        )
        .order_by("-sent_at", "-pk")
    )
    context = {"page": paginate(request, documents), "tab": "sent", "can_send": True}
    return render(request, "duties/document_sent.html", context)


@allowed("duties.send_document")
@require_http_methods(["GET", "POST"])
def document_create(request):
    form = DocumentForm(posted(request), request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = service.send_document(
                request.user,
                title=data["title"],
                kind=data["kind"],
                body=data["body"],
                classification=data["classification"],
                deadline=data["deadline"],
                attachment=data["attachment"],
                people=data["people"],
                departments=data["departments"],
                sites=data["sites"],
            )
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Sent to %(n)s people.") % {"n": document.receipts.count()},
            )
            return redirect(document)
    return form_page(
        request, form, title=_("Send a document"), back=reverse("duties:document_sent")
    )


def visible_document(request, pk):
    return fetch(request, CompanyDocument.objects.select_related("sender"), pk)


@signed_in
@require_GET
def document_detail(request, pk):
    document = visible_document(request, pk)
    mine = (
        Receipt.objects.filter(document=document, recipient=request.user)
        .select_related("document")
        .first()
    )
    follows = may(request.user, "duties.see_receipts", document)
    context = {
        "document": document,
        "receipt": mine,
        "follows": follows,
        "counts": _counts(request, document) if follows else None,
        "history": list(audit.history(document)),
    }
    return render(request, "duties/document_detail.html", context)


def _counts(request, document):
    rows = visible(request.user, Receipt).filter(document=document)
    counts = dict.fromkeys(ReceiptStatus.values, 0)
    for row in rows.order_by().values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    return [(status, label, counts[status]) for status, label in ReceiptStatus.choices]


@signed_in
@require_GET
def document_receipts(request, pk):
    """Who signed, answered, objected and when (the people the person may follow)."""
    document = visible_document(request, pk)
    forbid_unless(request.user, "duties.see_receipts", document)
    rows = (
        visible(request.user, Receipt)
        .filter(document=document)
        .select_related("recipient__profile__department")
        .order_by("recipient__profile__employee_no", "pk")
    )
    filters = ReceiptFilter(request.GET, queryset=rows)
    page = paginate(request, filters.qs)
    context = {
        "document": document,
        "counts": _counts(request, document),
        "filters": filters,
        "page": page,
        "rows": receipt_rows(page.object_list),
    }
    return render(request, "duties/document_receipts.html", context)


@signed_in
@require_http_methods(["GET", "POST"])
def document_revise(request, pk):
    document = visible_document(request, pk)
    form = ReviseForm(posted(request), request.FILES or None, obj=document, user=request.user)
    return transition_page(
        request,
        DOCUMENT,
        document,
        "revise",
        form=form,
        template="duties/transition_form.html",
        context={
            "title": _("Revise the document"),
            "question": _("Every recipient is asked again to sign and answer."),
        },
    )


document_action = transition_view(DOCUMENT, visible_document)


def visible_receipt(request, pk):
    return get_object_or_404(
        visible(request.user, Receipt).select_related(
            "document__sender", "recipient__profile__department", "replied_by"
        ),
        pk=pk,
    )


@signed_in
@require_GET
def receipt_detail(request, pk):
    receipt = visible_receipt(request, pk)
    history = sorted(
        [*audit.history(receipt), *audit.history(receipt.document)],
        key=lambda entry: (entry.created_at, entry.pk),
        reverse=True,
    )
    context = {"receipt": receipt, "document": receipt.document, "history": history}
    return render(request, "duties/receipt_detail.html", context)


receipt_action = transition_view(
    RECEIPT,
    visible_receipt,
    forms={
        "object": comment_form(gettext_lazy("Written explanation")),
        "reply": comment_form(gettext_lazy("Your reply")),
    },
)
