"""Requests the regulation reserves for a vice president (a higher communication allowance):
the person explains, the supervisor states, the vice president approves or rejects."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duties.choices import VP_REQUEST
from duties.models import VPRequest
from duties.services.common import name, supervisors_of
from onsite.choices import Role
from onsite.notifications import notify
from onsite.workflow import WorkflowError


def _vice_presidents():
    return list(get_user_model().objects.filter(groups__name=Role.VP, is_active=True).distinct())


def submit_vp_request(
    actor,
    *,
    title,
    explanation,
    kind="communication",
    current_amount=None,
    requested_amount=None,
    comment="",
):
    """The person explains the request to their supervisor.

    Enforces R2.3-comm-allowance-explained.
    """
    if not explanation.strip():
        raise WorkflowError(_("Explain why the request is needed."))
    amounts = (current_amount, requested_amount)
    if None not in amounts and requested_amount <= current_amount:
        raise WorkflowError(_("The requested amount must be higher than the current one."))

    def build():
        return VPRequest(
            applicant=actor,
            kind=kind,
            title=title,
            explanation=explanation,
            current_amount=current_amount,
            requested_amount=requested_amount,
        )

    def tell(request):
        notify(
            supervisors_of(actor),
            gettext_lazy("%(name)s asks: %(title)s — your statement is needed"),
            explanation,
            request.get_absolute_url(),
            {"name": name(actor), "title": title},
        )

    return VP_REQUEST.create(
        actor,
        "submit",
        context=actor,
        lock_first=[(get_user_model(), actor.pk)],
        build=build,
        comment=comment,
        notify=tell,
    )


@VP_REQUEST.implements("state")
def state_vp_request(actor, request, comment=""):
    """The supervisor adds a statement; the request goes to the vice president.

    Enforces R2.3-comm-allowance-explained.
    """

    def tell(request):
        notify(
            _vice_presidents(),
            gettext_lazy("Request of %(name)s for your decision: %(title)s"),
            request.supervisor_statement,
            request.get_absolute_url(),
            {"name": name(request.applicant), "title": request.title},
        )

    return VP_REQUEST.run(actor, request, "state", comment=comment, notify=tell)


def _tell_decision(request):
    notify(
        [request.applicant, request.stated_by],
        gettext_lazy("The vice president decided on %(title)s: %(decision)s"),
        request.decision_comment,
        request.get_absolute_url(),
        {"title": request.title, "decision": request.get_status_display()},
    )


@VP_REQUEST.implements("approve")
def approve_vp_request(actor, request, comment=""):
    """Only the vice president's approval makes it apply.

    Enforces R2.3-comm-allowance-vp-approval.
    """
    return VP_REQUEST.run(actor, request, "approve", comment=comment, notify=_tell_decision)


@VP_REQUEST.implements("reject")
def reject_vp_request(actor, request, comment=""):
    """Enforces R2.3-comm-allowance-vp-approval."""
    return VP_REQUEST.run(actor, request, "reject", comment=comment, notify=_tell_decision)


@VP_REQUEST.implements("withdraw")
def withdraw_vp_request(actor, request, comment=""):
    """The applicant withdraws before the vice president decides."""
    return VP_REQUEST.run(actor, request, "withdraw", comment=comment)
