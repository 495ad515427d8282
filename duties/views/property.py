"""Company property: the register (HR), hand-over, return and transfer with both signatures,
and what each person holds."""

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from duties.choices import CUSTODY, CustodyStatus
from duties.filters import CustodyFilter
from duties.forms.people import HandOverForm, PropertyForm, ReturnForm, TransferForm
from duties.models import Custody, PropertyItem
from duties.services import property as service
from duties.views.common import fetch, forbid_unless, form_page
from onsite import audit
from onsite.access import allowed, signed_in
from onsite.paging import paginate, posted
from onsite.permissions import may, visible
from onsite.signatures import data_url
from onsite.transition_views import transition_page
from onsite.workflow import WorkflowError


@signed_in
@require_GET
def custody_list(request):
    """What I hold; for HR and supervisors, what the people in their scope hold."""
    user = request.user
    team = request.GET.get("team") == "1" and (
        may(user, "duties.manage_property") or may(user, "duties.supervise")
    )
    rows = (
        visible(user, Custody).exclude(holder=user) if team else Custody.objects.filter(holder=user)
    )
    if not request.GET.get("status"):
        rows = rows.filter(status=CustodyStatus.HANDED_OVER)
    filters = CustodyFilter(
        request.GET,
        queryset=rows.select_related("item", "holder__profile").order_by("-handed_over_at", "-pk"),
    )
    context = {
        "page": paginate(request, filters.qs),
        "filters": filters,
        "team": team,
        "sees_team": may(user, "duties.manage_property") or may(user, "duties.supervise"),
        "manages": may(user, "duties.manage_property"),
    }
    return render(request, "duties/custody_list.html", context)


@allowed("duties.manage_property")
@require_GET
def property_list(request):
    """The register, each item with its present holder (two queries)."""
    held = Custody.objects.filter(status=CustodyStatus.HANDED_OVER).select_related("holder")
    items = visible(request.user, PropertyItem).prefetch_related(
        Prefetch("custodies", queryset=held, to_attr="open_custodies")
    )
    return render(request, "duties/property_list.html", {"page": paginate(request, items)})


@allowed("duties.manage_property")
@require_http_methods(["GET", "POST"])
def property_create(request):
    form = PropertyForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            item = service.register_property(request.user, **form.cleaned_data)
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            return redirect(item)
    return form_page(
        request, form, title=_("Register company property"), back=reverse("duties:property_list")
    )


@signed_in
@require_GET
def property_detail(request, pk):
    item = fetch(request, PropertyItem, pk)
    custodies = item.custodies.select_related("holder", "handed_over_by").order_by(
        "-handed_over_at", "-pk"
    )
    context = {
        "item": item,
        "custodies": custodies,
        "held": any(c.status == CustodyStatus.HANDED_OVER for c in custodies),
        "history": list(audit.history(item)),
    }
    return render(request, "duties/property_detail.html", context)


def _sign_page(request, form, *, title, back, subject):
    return render(
        request,
        "duties/sign.html",
        {"form": form, "title": title, "back": back, "subject": subject},
        status=400 if form.is_bound and form.errors else 200,
    )


@signed_in
@require_http_methods(["GET", "POST"])
def custody_hand_over(request, pk):
    item = fetch(request, PropertyItem, pk)
    forbid_unless(request.user, "duties.hand_over_property", item)
    form = HandOverForm(posted(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            custody = service.hand_over_property(request.user, item, **form.service_kwargs())
        except WorkflowError as error:
            service.record_refused_signing(request.user, item, error)
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Handed over; both signatures are kept."))
            return redirect(custody)
    return _sign_page(
        request,
        form,
        title=_("Hand over %(item)s") % {"item": item},
        back=item.get_absolute_url(),
        subject=item,
    )


def visible_custody(request, pk):
    return fetch(
        request,
        Custody.objects.select_related("item", "holder__profile", "handed_over_by", "closed_by"),
        pk,
    )


@signed_in
@require_GET
def custody_detail(request, pk):
    custody = visible_custody(request, pk)
    signatures = list(custody.signatures.select_related("signer"))
    if custody.previous_id:
        signatures = [
            *custody.previous.signatures.filter(moment="transfer").select_related("signer"),
            *signatures,
        ]
    for signed in signatures:
        signed.data_url = data_url(signed.image)
    context = {
        "custody": custody,
        "signatures": signatures,
        "history": list(audit.history(custody)),
    }
    return render(request, "duties/custody_detail.html", context)


def _custody_page(request, pk, name, form_class):
    custody = visible_custody(request, pk)
    return transition_page(
        request,
        CUSTODY,
        custody,
        name,
        form=form_class(posted(request), obj=custody, user=request.user),
        template="duties/sign.html",
        context={"subject": custody, "back": custody.get_absolute_url()},
        on_refused=lambda error, form: service.record_refused_signing(request.user, custody, error),
    )


@signed_in
@require_http_methods(["GET", "POST"])
def custody_return(request, pk):
    return _custody_page(request, pk, "return", ReturnForm)


@signed_in
@require_http_methods(["GET", "POST"])
def custody_transfer(request, pk):
    return _custody_page(request, pk, "transfer", TransferForm)
