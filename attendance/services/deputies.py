"""Deputies: a supervisor away names someone who decides their departments' requests for a
date range (HR may name one for any supervisor). Requests go to the deputy, whose decisions
say "on behalf of" in the audit trail (``attendance.deciders``)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from attendance.models import Delegation
from attendance.services.common import User
from onsite import audit
from onsite.choices import Role
from onsite.names import display_name
from onsite.notifications import notify
from onsite.permissions import has_role, require
from onsite.workflow import WorkflowError, lock


def _check(actor, supervisor, deputy, start_date, end_date, today):
    if supervisor.pk != actor.pk and not has_role(actor, Role.HR):
        raise PermissionDenied("attendance.name_deputy")
    if not has_role(supervisor, Role.SUPERVISOR):
        raise WorkflowError(_("%(name)s is not a supervisor.") % {"name": display_name(supervisor)})
    if deputy.pk == supervisor.pk:
        raise WorkflowError(_("A supervisor cannot be their own deputy."))
    if not deputy.is_active or not hasattr(deputy, "profile"):
        raise WorkflowError(_("The deputy must be an active member of staff."))
    if end_date < start_date:
        raise WorkflowError(_("The last day must not be before the first."))
    if end_date < today:
        raise WorkflowError(_("These days are over already."))


def name_deputy(actor, *, supervisor, deputy, start_date, end_date, reason="", today=None):
    """``deputy`` decides for ``supervisor`` from ``start_date`` to ``end_date`` (both included).

    Enforces R2.3-overtime-supervisor-approval.
    """
    require(actor, "attendance.name_deputy")
    today = today or timezone.localdate()
    _check(actor, supervisor, deputy, start_date, end_date, today)
    with transaction.atomic():
        lock(User, supervisor.pk)  # one supervisor's ranges are written one at a time
        clash = Delegation.objects.filter(
            supervisor=supervisor, start_date__lte=end_date, end_date__gte=start_date
        ).first()
        if clash:
            raise WorkflowError(
                _("%(name)s already has a deputy from %(start)s to %(end)s.")
                % {
                    "name": display_name(supervisor),
                    "start": clash.start_date,
                    "end": clash.end_date,
                }
            )
        delegation = Delegation.objects.create(
            supervisor=supervisor,
            deputy=deputy,
            start_date=start_date,
            end_date=end_date,
            reason=(reason or "").strip()[:200],
            created_by=actor,
        )
        audit.record(actor, "attendance.delegation.add", delegation, comment=delegation.reason)
        notify(
            deputy,
            gettext_lazy("You decide requests for %(name)s from %(start)s to %(end)s"),
            "",
            reverse("attendance:queue"),
            {
                "name": display_name(supervisor),
                "start": start_date.isoformat(),
                "end": end_date.isoformat(),
            },
        )
    return delegation


def withdraw_deputy(actor, delegation):
    """The supervisor (or HR) withdraws a deputy; audited, the deputy is told."""
    require(actor, "attendance.name_deputy", delegation)
    with transaction.atomic():
        try:
            delegation = lock(Delegation, delegation.pk)
        except Delegation.DoesNotExist:
            raise WorkflowError(_("This no longer exists.")) from None
        audit.record(actor, "attendance.delegation.remove", delegation)
        notify(
            delegation.deputy,
            gettext_lazy("You no longer decide requests for %(name)s"),
            "",
            "",
            {"name": display_name(delegation.supervisor)},
        )
        delegation.delete()
