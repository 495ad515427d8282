"""Who may see and do what in the duties app.

Scopes (``visible``): staff see their own records and the documents, agreements and
manuals of the sites they are assigned to today; supervisors their departments' people
(``supervised_department_ids``); HR the company's documents, authorisations, property and
training; the vice president the requests reserved for a VP. Each scope is one filter on
grant tables (a JOIN or an EXISTS), never a query per row; everything else answers 404.
"""

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from duties.choices import DocumentStatus
from duties.models import (
    AgreementVersion,
    Authorisation,
    ChecklistTemplate,
    ClientRequest,
    CompanyDocument,
    Custody,
    DailyChecklist,
    PostDuty,
    PropertyItem,
    Receipt,
    ServiceVisit,
    SiteDocument,
    SiteDocumentVersion,
    Task,
    Training,
    TrainingRecord,
    VPRequest,
    WorkReport,
)
from onsite.choices import Role
from onsite.models import Assignment
from onsite.permissions import (
    assigned_site_ids,
    has_role,
    rule,
    scope,
    supervised_department_ids,
    supervises,
)


def is_hr(user):
    return has_role(user, Role.HR)


def is_staff(user):
    return has_role(user, Role.STAFF)


def supervised(user):
    """Department ids the user supervises (empty unless they hold the supervisor role)."""
    return supervised_department_ids(user) if has_role(user, Role.SUPERVISOR) else frozenset()


def own_or_supervised(user, field):
    """Rows whose person (the user FK ``field``) is the user or in a department they supervise."""
    condition = Q(**{field: user.pk})
    departments = supervised(user)
    if departments:
        condition |= Q(**{f"{field}__profile__department_id__in": departments})
    return condition


def oversees(user, person):
    """``user`` supervises ``person``'s department and is not that person."""
    return person is not None and person.pk != user.pk and supervises(user, person)


def _current(prefix=""):
    today = timezone.localdate()
    return Q(**{f"{prefix}start_date__lte": today}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": today})
    )


def supervised_site_ids(user):
    """Sites where staff of the user's departments are assigned today (cached per request)."""
    cached = getattr(user, "_duties_supervised_sites", None)
    if cached is None:
        departments = supervised(user)
        cached = frozenset(
            Assignment.objects.filter(_current(), user__profile__department_id__in=departments)
            .values_list("site_id", flat=True)
            .distinct()
            if departments
            else ()
        )
        user._duties_supervised_sites = cached
    return cached


def paper_site_ids(user):
    """Sites whose agreement, manuals and documents the user may read: assigned there today,
    or supervising staff assigned there. ``None`` means every site (HR)."""
    if is_hr(user):
        return None
    return set(assigned_site_ids(user)) | set(supervised_site_ids(user))


def _site_condition(user, field):
    sites = paper_site_ids(user)
    return Q() if sites is None else Q(**{f"{field}__in": sites})


# --- Scopes -------------------------------------------------------------------------------
@scope(WorkReport)
def _visible_reports(user, queryset):
    return queryset.filter(own_or_supervised(user, "author"))


@scope(Task)
def _visible_tasks(user, queryset):
    return queryset.filter(own_or_supervised(user, "assignee") | Q(assigned_by=user))


@scope(ClientRequest)
def _visible_requests(user, queryset):
    return queryset.filter(own_or_supervised(user, "logged_by"))


@scope(Authorisation)
def _visible_authorisations(user, queryset):
    if is_hr(user):
        return queryset
    return queryset.filter(own_or_supervised(user, "holder") | Q(issued_by=user))


@scope(DailyChecklist)
def _visible_checklists(user, queryset):
    return queryset.filter(own_or_supervised(user, "user"))


@scope(ServiceVisit)
def _visible_visits(user, queryset):
    return queryset.filter(own_or_supervised(user, "user"))


@scope(ChecklistTemplate)
def _visible_templates(user, queryset):
    return queryset.filter(_site_condition(user, "site_id"))


@scope(CompanyDocument)
def _visible_documents(user, queryset):
    """Sender, HR, recipients, staff of an addressed site, supervisors of a recipient."""
    if is_hr(user):
        return queryset
    receipts = Receipt.objects.filter(document=OuterRef("pk"))
    condition = Q(sender=user) | Exists(receipts.filter(recipient=user))
    sites = assigned_site_ids(user)
    if sites:
        addressed = CompanyDocument.sites.through.objects.filter(
            companydocument_id=OuterRef("pk"), site_id__in=sites
        )
        condition |= Exists(addressed)
    departments = supervised(user)
    if departments:
        condition |= Exists(receipts.filter(recipient__profile__department_id__in=departments))
    return queryset.filter(condition)


@scope(Receipt)
def _visible_receipts(user, queryset):
    if is_hr(user):
        return queryset
    return queryset.filter(own_or_supervised(user, "recipient") | Q(document__sender=user))


@scope(PropertyItem)
def _visible_property(user, queryset):
    return queryset if is_hr(user) else queryset.none()


@scope(Custody)
def _visible_custodies(user, queryset):
    return queryset if is_hr(user) else queryset.filter(own_or_supervised(user, "holder"))


@scope(VPRequest)
def _visible_vp_requests(user, queryset):
    if has_role(user, Role.VP):
        return queryset
    return queryset.filter(own_or_supervised(user, "applicant"))


@scope(Training)
def _visible_trainings(user, queryset):
    if is_hr(user):
        return queryset
    attending = Training.attendees.through.objects.filter(training_id=OuterRef("pk"))
    condition = Q(organiser=user) | Exists(attending.filter(user=user))
    departments = supervised(user)
    if departments:
        condition |= Exists(attending.filter(user__profile__department_id__in=departments))
    return queryset.filter(condition)


@scope(TrainingRecord)
def _visible_training_records(user, queryset):
    return queryset if is_hr(user) else queryset.filter(own_or_supervised(user, "user"))


@scope(PostDuty)
def _visible_post_duties(user, queryset):
    """HR and supervisors read every post's duties; staff those of their post and sites."""
    if is_hr(user) or has_role(user, Role.SUPERVISOR):
        return queryset
    profile = getattr(user, "profile", None)
    if profile is None or not profile.post:
        return queryset.none()
    return queryset.filter(
        Q(site__isnull=True) | Q(site_id__in=assigned_site_ids(user)), post=profile.post
    )


@scope(AgreementVersion)
def _visible_agreements(user, queryset):
    return queryset.filter(_site_condition(user, "site_id"))


@scope(SiteDocument)
def _visible_site_documents(user, queryset):
    return queryset.filter(_site_condition(user, "site_id"))


@scope(SiteDocumentVersion)
def _visible_site_document_versions(user, queryset):
    return queryset.filter(_site_condition(user, "document__site_id"))


# --- Rules: documents and receipts ---------------------------------------------------------
@rule("duties.send_document")
def _may_send_document(user, obj):
    """HR sends to anyone; a supervisor to the people of their departments."""
    return is_hr(user) or bool(supervised(user))


@rule("duties.revise_document")
def _may_revise_document(user, document):
    return document is not None and document.sender_id == user.pk


@rule("duties.answer_receipt")
def _may_answer_receipt(user, receipt):
    return receipt.recipient_id == user.pk and receipt.document.status == DocumentStatus.SENT


@rule("duties.reply_receipt")
def _may_reply_receipt(user, receipt):
    return receipt.document.sender_id == user.pk


@rule("duties.see_receipts")
def _may_see_receipts(user, document):
    """The sender and HR follow every receipt; a supervisor those of their people."""
    return document.sender_id == user.pk or is_hr(user) or bool(supervised(user))


# --- Work reports and tasks ----------------------------------------------------------------
@rule("duties.write_report")
def _may_write_report(user, obj):
    return is_staff(user)


@rule("duties.comment_report")
def _may_comment_report(user, report):
    return oversees(user, report.author)


@rule("duties.supervise")
def _may_supervise(user, obj):
    """Pages of a supervisor: missing reports, checklist completion, the team's records."""
    return bool(supervised(user))


@rule("duties.assign_task")
def _may_assign_task(user, assignee):
    if assignee is None:
        return bool(supervised(user))
    return oversees(user, assignee)


@rule("duties.work_on_task")
def _may_work_on_task(user, task):
    return task.assignee_id == user.pk


@rule("duties.cancel_task")
def _may_cancel_task(user, task):
    return task.assigned_by_id == user.pk or oversees(user, task.assignee)


# --- Client requests and authorisations ----------------------------------------------------
@rule("duties.log_request")
def _may_log_request(user, site):
    if site is None:
        return is_staff(user) and bool(assigned_site_ids(user))
    return is_staff(user) and site.pk in assigned_site_ids(user)


@rule("duties.handle_request")
def _may_handle_request(user, request):
    return request.logged_by_id == user.pk


@rule("duties.decide_request")
def _may_decide_request(user, request):
    return oversees(user, request.logged_by)


@rule("duties.issue_authorisation")
def _may_issue_authorisation(user, holder):
    if holder is None:
        return is_hr(user) or bool(supervised(user))
    return holder.pk != user.pk and (is_hr(user) or supervises(user, holder))


@rule("duties.revoke_authorisation")
def _may_revoke_authorisation(user, authorisation):
    holder = authorisation.holder
    return holder.pk != user.pk and (
        is_hr(user) or authorisation.issued_by_id == user.pk or supervises(user, holder)
    )


# --- Checklists and visits -----------------------------------------------------------------
@rule("duties.keep_checklist")
def _may_keep_checklist(user, site):
    if site is None:
        return is_staff(user)
    return is_staff(user) and site.pk in assigned_site_ids(user)


@rule("duties.edit_checklist")
def _may_edit_checklist(user, site):
    if site is None:
        return is_hr(user) or bool(supervised(user))
    return is_hr(user) or site.pk in supervised_site_ids(user)


@rule("duties.log_visit")
def _may_log_visit(user, site):
    return _may_keep_checklist(user, site)


@rule("duties.close_visit")
def _may_close_visit(user, visit):
    return visit.user_id == user.pk


# --- Property ----------------------------------------------------------------------------
@rule("duties.manage_property")
def _may_manage_property(user, obj):
    return is_hr(user)


@rule("duties.hand_over_property")
def _may_hand_over(user, item):
    return is_hr(user)


@rule("duties.take_back_property")
def _may_take_back(user, custody):
    return is_hr(user) and custody.holder_id != user.pk


@rule("duties.transfer_property")
def _may_transfer(user, custody):
    return custody.holder_id == user.pk or is_hr(user)


# --- Requests to a vice president ----------------------------------------------------------
@rule("duties.submit_vp_request")
def _may_submit_vp_request(user, obj):
    return is_staff(user)


@rule("duties.state_vp_request")
def _may_state_vp_request(user, request):
    return oversees(user, request.applicant)


@rule("duties.decide_vp_request")
def _may_decide_vp_request(user, request):
    return has_role(user, Role.VP) and request.applicant_id != user.pk


@rule("duties.withdraw_vp_request")
def _may_withdraw_vp_request(user, request):
    return request.applicant_id == user.pk


# --- Training, post duties and the sites' papers --------------------------------------------
@rule("duties.plan_training")
def _may_plan_training(user, obj):
    return is_hr(user) or bool(supervised(user))


@rule("duties.run_training")
def _may_run_training(user, training):
    return training.organiser_id == user.pk or is_hr(user)


@rule("duties.add_training_record")
def _may_add_training_record(user, person):
    if person is None or person.pk == user.pk:
        return is_staff(user) or is_hr(user)
    return is_hr(user) or supervises(user, person)


@rule("duties.edit_post_duties")
def _may_edit_post_duties(user, obj):
    return is_hr(user)


@rule("duties.read_site_papers")
def _may_read_site_papers(user, site):
    sites = paper_site_ids(user)
    if site is None:
        return sites is None or bool(sites)
    return sites is None or site.pk in sites


@rule("duties.write_agreement")
def _may_write_agreement(user, site):
    """HR and the supervisors of the staff stationed there keep the service agreement."""
    if site is None:
        return is_hr(user) or bool(supervised_site_ids(user))
    return is_hr(user) or site.pk in supervised_site_ids(user)


@rule("duties.upload_site_document")
def _may_upload_site_document(user, site):
    """Staff stationed there write and update manuals and technical documents, as do their
    supervisors and HR."""
    if site is None:
        return _may_read_site_papers(user, None)
    return _may_read_site_papers(user, site)
