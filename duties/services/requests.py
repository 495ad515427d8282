"""Client requests and written authorisations: work a client asks for is logged; inside a
written authorisation it is done and recorded, outside one it goes to the supervisor
instead of becoming a promise."""

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duties.choices import (
    AUTHORISATION,
    CLIENT_REQUEST,
    AuthorisationStatus,
    ClientRequestStatus,
    RequestCategory,
)
from duties.models import Authorisation, ClientRequest
from duties.services import files
from duties.services.common import name, supervisors_of
from onsite.notifications import notify
from onsite.workflow import WorkflowError


# --- Written authorisations -----------------------------------------------------------------
def issue_authorisation(
    actor,
    holder,
    *,
    scope,
    categories,
    valid_from,
    valid_to,
    site=None,
    reference="",
    attachment=None,
    comment="",
):
    """HR or the holder's supervisor records a written authorisation: the kinds of work, the
    site (or every site), the validity window and the signed document.

    Enforces R2.3-written-authorisation.
    """
    categories = [code for code in categories if code in RequestCategory.values]
    if not categories:
        raise WorkflowError(_("Choose at least one kind of work."))
    if valid_to < valid_from:
        raise WorkflowError(_("The end of validity must not be before its start."))

    def build():
        record = Authorisation(
            holder=holder,
            site=site,
            reference=reference,
            scope=scope,
            categories=",".join(categories),
            valid_from=valid_from,
            valid_to=valid_to,
            issued_by=actor,
        )
        if attachment is not None:
            files.store(record, attachment)
        return record

    def tell(record):
        notify(
            [holder],
            gettext_lazy("You hold a written authorisation from %(start)s to %(end)s"),
            record.scope,
            record.get_absolute_url(),
            {"start": valid_from.isoformat(), "end": valid_to.isoformat()},
        )

    return AUTHORISATION.create(
        actor,
        "issue",
        context=holder,
        lock_first=[(get_user_model(), holder.pk)],
        build=build,
        comment=comment,
        notify=tell,
    )


@AUTHORISATION.implements("revoke")
def revoke_authorisation(actor, record, comment=""):
    """Enforces R2.3-written-authorisation."""

    def tell(record):
        notify(
            [record.holder],
            gettext_lazy("Your written authorisation was revoked"),
            comment,
            record.get_absolute_url(),
        )

    return AUTHORISATION.run(actor, record, "revoke", comment=comment, notify=tell)


def covering_authorisation(person, category, site_id, day):
    """The authorisation of ``person`` in force on ``day`` that covers work of ``category``
    at the site, or None (one query)."""
    candidates = Authorisation.objects.filter(
        holder=person,
        status=AuthorisationStatus.ACTIVE,
        valid_from__lte=day,
        valid_to__gte=day,
    ).order_by("valid_to", "pk")
    for record in candidates:
        if record.covers(category, site_id, day):
            return record
    return None


def why_not_covered(request, day):
    """Why no written authorisation covers the request, in words for the person."""
    return _(
        "No written authorisation of %(name)s covers %(category)s at %(site)s on %(day)s: "
        "promise nothing, escalate it to the supervisor."
    ) % {
        "name": name(request.logged_by),
        "category": request.get_category_display(),
        "site": request.site.name,
        "day": day.isoformat(),
    }


# --- Client requests -------------------------------------------------------------------------
def log_request(actor, site, *, asked_by, asked_at, category, description, comment=""):
    """A staff member records what a client asked for, who asked and when.

    Enforces R1-assist-client-work.
    """
    if asked_at > timezone.now():
        raise WorkflowError(_("The request cannot be in the future."))

    def build():
        return ClientRequest(
            logged_by=actor,
            site=site,
            asked_by=asked_by,
            asked_at=asked_at,
            category=category,
            description=description,
        )

    return CLIENT_REQUEST.create(
        actor, "log", context=site, build=build, comment=comment or description
    )


@CLIENT_REQUEST.guard("complete")
def _within_authorisation(request, user, now):
    """Straight from "logged", only what a written authorisation covers is done."""
    if request.status != ClientRequestStatus.LOGGED:
        return None
    day = timezone.localdate(now)
    if covering_authorisation(request.logged_by, request.category, request.site_id, day):
        return None
    return why_not_covered(request, day)


@CLIENT_REQUEST.implements("complete")
def complete_request(actor, request, comment=""):
    """The work is done and recorded — covered by a written authorisation in force, or
    authorised by the supervisor after an escalation.

    Enforces R2.3-no-unauthorised-promises, R2.3-written-authorisation, R1-assist-client-work.
    """

    def record_cover(request):
        if request.status != ClientRequestStatus.LOGGED:
            return []
        request.authorisation = covering_authorisation(
            request.logged_by, request.category, request.site_id, timezone.localdate()
        )
        return ["authorisation"]

    return CLIENT_REQUEST.run(actor, request, "complete", comment=comment, change=record_cover)


@CLIENT_REQUEST.implements("escalate")
def escalate_request(actor, request, comment=""):
    """Outside (or unsure of) one's written authorisation: the supervisors decide.

    Enforces R2.3-no-unauthorised-promises.
    """

    def tell(request):
        notify(
            supervisors_of(request.logged_by),
            gettext_lazy("%(name)s escalated a client request: %(request)s"),
            request.description,
            request.get_absolute_url(),
            {"name": name(request.logged_by), "request": str(request)},
        )

    return CLIENT_REQUEST.run(actor, request, "escalate", comment=comment, notify=tell)


def _tell_logger(request):
    notify(
        [request.logged_by],
        gettext_lazy("Your supervisor decided on %(request)s: %(decision)s"),
        request.decision,
        request.get_absolute_url(),
        {"request": str(request), "decision": request.get_status_display()},
    )


@CLIENT_REQUEST.implements("approve")
def approve_request(actor, request, comment=""):
    """The supervisor authorises the escalated work in writing.

    Enforces R2.3-no-unauthorised-promises, R2.3-written-authorisation.
    """
    return CLIENT_REQUEST.run(actor, request, "approve", comment=comment, notify=_tell_logger)


@CLIENT_REQUEST.implements("decline")
def decline_request(actor, request, comment=""):
    """Enforces R2.3-no-unauthorised-promises."""
    return CLIENT_REQUEST.run(actor, request, "decline", comment=comment, notify=_tell_logger)
