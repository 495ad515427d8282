"""Sites and posts: post duties, each site's service agreement and its manuals and technical
documents, in versions, readable by the staff stationed there."""

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from duties.forms.site import AgreementForm, PostDutyForm, SiteDocumentForm, VersionForm
from duties.models import AgreementVersion, PostDuty, SiteDocument, SiteDocumentVersion
from duties.permissions import paper_site_ids
from duties.services import papers as service
from duties.views.common import fetch, forbid_unless, form_page
from onsite import audit
from onsite.access import allowed, signed_in
from onsite.models import Site
from onsite.paging import posted
from onsite.permissions import may, visible
from onsite.workflow import WorkflowError


@signed_in
@require_GET
def site_list(request):
    """The sites whose papers the person reads, and the duties of their post."""
    sites = Site.objects.filter(is_active=True)
    readable = paper_site_ids(request.user)
    if readable is not None:
        sites = sites.filter(pk__in=readable)
    context = {
        "sites": sites,
        "duties": visible(request.user, PostDuty).select_related("site"),
        "edits_duties": may(request.user, "duties.edit_post_duties"),
    }
    return render(request, "duties/site_list.html", context)


def readable_site(request, pk):
    site = get_object_or_404(Site, pk=pk)
    if not may(request.user, "duties.read_site_papers", site):
        raise Http404
    return site


@signed_in
@require_GET
def site_papers(request, pk):
    """A site's agreement in force (and earlier versions), its manuals and documents."""
    site = readable_site(request, pk)
    latest = SiteDocumentVersion.objects.order_by("-number")
    documents = SiteDocument.objects.filter(site=site).prefetch_related(
        Prefetch("versions", queryset=latest, to_attr="newest_first")
    )
    context = {
        "site": site,
        "agreements": AgreementVersion.objects.filter(site=site).select_related("created_by"),
        "documents": documents,
        "post_duties": visible(request.user, PostDuty).filter(site=site),
        "writes_agreement": may(request.user, "duties.write_agreement", site),
        "uploads": may(request.user, "duties.upload_site_document", site),
    }
    return render(request, "duties/site_papers.html", context)


@signed_in
@require_http_methods(["GET", "POST"])
def agreement_create(request, pk):
    site = readable_site(request, pk)
    forbid_unless(request.user, "duties.write_agreement", site)
    current = AgreementVersion.objects.filter(site=site).order_by("-number").first()
    initial = {}
    if current:
        fields = ["contract_no", "valid_from", "valid_to", "work_plan", "service_terms"]
        initial = {name: getattr(current, name) for name in [*fields, "response_times"]}
    form = AgreementForm(posted(request), request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        attachment = data.pop("attachment")
        try:
            version = service.add_agreement_version(
                request.user, site, attachment=attachment, **data
            )
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The new version is in force."))
            return redirect(version)
    return form_page(
        request,
        form,
        title=_("Service agreement of %(site)s: new version") % {"site": site.name},
        back=reverse("duties:site_papers", args=[site.pk]),
    )


@signed_in
@require_GET
def agreement_detail(request, pk):
    version = fetch(request, AgreementVersion.objects.select_related("site", "created_by"), pk)
    others = AgreementVersion.objects.filter(site=version.site).exclude(pk=version.pk)
    context = {
        "version": version,
        "current": not others.filter(number__gt=version.number).exists(),
        "others": others,
        "history": list(audit.history(version)),
    }
    return render(request, "duties/agreement_detail.html", context)


@signed_in
@require_http_methods(["GET", "POST"])
def site_document_create(request, pk):
    site = readable_site(request, pk)
    forbid_unless(request.user, "duties.upload_site_document", site)
    form = SiteDocumentForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            document = service.create_site_document(request.user, site, **form.cleaned_data)
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            return redirect(document)
    return form_page(
        request,
        form,
        title=_("A manual or technical document of %(site)s") % {"site": site.name},
        back=reverse("duties:site_papers", args=[site.pk]),
    )


def visible_site_document(request, pk):
    return fetch(request, SiteDocument.objects.select_related("site"), pk)


@signed_in
@require_GET
def site_document_detail(request, pk):
    document = visible_site_document(request, pk)
    context = {
        "document": document,
        "versions": document.versions.select_related("uploaded_by"),
        "uploads": may(request.user, "duties.upload_site_document", document.site),
        "history": list(audit.history(document)),
    }
    return render(request, "duties/site_document_detail.html", context)


@signed_in
@require_http_methods(["GET", "POST"])
def site_document_version_create(request, pk):
    document = visible_site_document(request, pk)
    forbid_unless(request.user, "duties.upload_site_document", document.site)
    form = VersionForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            service.add_site_document_version(request.user, document, **form.cleaned_data)
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The new version is current."))
            return redirect(document)
    return form_page(
        request,
        form,
        title=_("New version of %(title)s") % {"title": document.title},
        back=document.get_absolute_url(),
    )


# --- Post duties ------------------------------------------------------------------------------
@allowed("duties.edit_post_duties")
@require_http_methods(["GET", "POST"])
def post_duty_create(request):
    return _post_duty_form(request, None)


@allowed("duties.edit_post_duties")
@require_http_methods(["GET", "POST"])
def post_duty_edit(request, pk):
    return _post_duty_form(request, fetch(request, PostDuty, pk))


def _post_duty_form(request, record):
    initial = (
        {"post": record.post, "site": record.site_id, "duties": record.duties} if record else {}
    )
    form = PostDutyForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            service.save_post_duty(request.user, instance=record, **form.cleaned_data)
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The post duties were saved."))
            return redirect("duties:site_list")
    return form_page(request, form, title=_("Post duties"), back=reverse("duties:site_list"))
