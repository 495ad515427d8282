"""State changes of the core. Each: permission check, transaction, audit entry, notification."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from onsite import audit
from onsite.models import Assignment, StaffProfile
from onsite.names import display_name
from onsite.notifications import notify
from onsite.permissions import require


def check_assignment(user, site, start_date, end_date, exclude_pk=None):
    """Raise ValidationError if the dates are inverted or overlap another assignment."""
    if end_date and end_date < start_date:
        raise ValidationError(_("The end date is before the start date."))
    overlapping = Assignment.objects.filter(user=user).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=start_date)
    )
    if end_date:
        overlapping = overlapping.filter(start_date__lte=end_date)
    if exclude_pk:
        overlapping = overlapping.exclude(pk=exclude_pk)
    clash = overlapping.select_related("site").first()
    if clash:
        raise ValidationError(
            _("%(name)s is already assigned to %(site)s from %(start)s.")
            % {
                "name": display_name(user),
                "site": clash.site.name,
                "start": clash.start_date,
            }
        )


def assign(actor, user, site, start_date, end_date=None, note=""):
    """Station ``user`` at ``site``; tells them and their department's supervisors."""
    require(actor, "onsite.admin")
    with transaction.atomic():
        # Lock the person's profile so two administrators cannot create overlapping rows.
        StaffProfile.objects.select_for_update().filter(user=user).first()
        check_assignment(user, site, start_date, end_date)
        assignment = Assignment.objects.create(
            user=user, site=site, start_date=start_date, end_date=end_date, note=note
        )
        audit.record(
            actor, "onsite.assignment.create", assignment, to_state="assigned", comment=note
        )
        recipients = [user]
        profile = getattr(user, "profile", None)
        if profile:
            recipients += list(profile.department.supervisors.all())
        notify(
            recipients,
            gettext_lazy("%(name)s is assigned to %(site)s from %(start)s"),
            url=reverse("onsite:staff_detail", args=[user.pk]),
            params={
                "name": display_name(user),
                "site": site.name,
                "start": start_date.isoformat(),
            },
        )
    return assignment
