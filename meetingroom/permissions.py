"""Who may do what in the meeting rooms, and which rows each person may see.

Everything is scoped by venue through the core's venue grants (``onsite.permissions``):
managers and leaders of a venue, staff assigned to its site today, administrators (read
only). One JOIN per query, never a query per row; a row of another venue answers 404.
"""

from django.db.models import Exists, OuterRef, Q

from meetingroom.models import (
    AccessEntry,
    AccessLogExport,  # noqa: F401 - its scope (owner only) is the export framework's
    DeniedAttempt,
    DeviceDeposit,
    Meeting,
    MeetingRecording,
    Pledge,
    SubVenue,
    SubVenueAdmission,
    Visit,
)
from onsite.choices import Role
from onsite.models import Assignment
from onsite.permissions import (
    assigned_site_ids,
    has_role,
    is_company_wide,
    led_venue_ids,
    managed_venue_ids,
    may,
    rule,
    scope,
    supervised_department_ids,
    supervises,
)


def venue_condition(user, path="venue"):
    """Q for rows whose venue (at ``path``) the user may see: the core's venue scope."""
    if has_role(user, Role.ADMIN):
        return Q()
    ids = managed_venue_ids(user) | led_venue_ids(user)
    condition = Q(**{f"{path}_id__in": ids})
    if has_role(user, Role.STAFF):
        condition |= Q(**{f"{path}__site_id__in": assigned_site_ids(user)})
    return condition


def _by_venue(path):
    def restrict(user, queryset):
        return queryset.filter(venue_condition(user, path))

    return restrict


for _model, _path in [
    (AccessEntry, "venue"),
    (Visit, "venue"),
    (Meeting, "venue"),
    (SubVenue, "venue"),
    (SubVenueAdmission, "meeting__venue"),
    (DeviceDeposit, "meeting__venue"),
    (MeetingRecording, "meeting__venue"),
]:
    scope(_model)(_by_venue(_path))


def overseen_venue_ids(user):
    """Venues whose denied attempts the user sees: managed or led."""
    return managed_venue_ids(user) | led_venue_ids(user)


@scope(DeniedAttempt)
def _visible_denials(user, queryset):
    if has_role(user, Role.ADMIN):
        return queryset
    return queryset.filter(venue_id__in=overseen_venue_ids(user))


@scope(Pledge)
def _visible_pledges(user, queryset):
    """Own pledges; the department's for supervisors; everyone's for HR, VP, administrators;
    managers see the pledges of people assigned to their venues' sites."""
    if is_company_wide(user):
        return queryset
    condition = Q(person=user)
    departments = supervised_department_ids(user) if has_role(user, Role.SUPERVISOR) else ()
    if departments:
        condition |= Q(person__profile__department_id__in=departments)
    managed = managed_venue_ids(user)
    if managed:
        condition |= Exists(
            Assignment.objects.filter(user_id=OuterRef("person_id"), site__venues__in=managed)
        )
    return queryset.filter(condition)


# --- Rules ----------------------------------------------------------------------------
def _venue_of(obj):
    """The venue of a venue, a meeting, or any row that names one of them."""
    if obj is None:
        return None
    if hasattr(obj, "site_id"):
        return obj
    if hasattr(obj, "venue_id"):
        return obj.venue
    return obj.meeting.venue


def serves(user, venue):
    return may(user, "onsite.serve_venue", venue)


def manages(user, venue):
    return venue is not None and venue.pk in managed_venue_ids(user)


def leads(user, venue):
    return venue is not None and venue.pk in led_venue_ids(user)


@rule("meetingroom.use")
def _may_use(user, obj):
    """The menu entry: someone with a venue (managed, led, assigned site) or an administrator."""
    return bool(
        has_role(user, Role.ADMIN)
        or managed_venue_ids(user)
        or led_venue_ids(user)
        or (has_role(user, Role.STAFF) and assigned_site_ids(user))
    )


@rule("meetingroom.log")
def _may_log(user, obj):
    """Managers and the staff assigned to the venue's site today log entries and exits."""
    return serves(user, _venue_of(obj))


@rule("meetingroom.door")
def _may_use_door(user, venue):
    return serves(user, venue)


@rule("meetingroom.file_visit")
def _may_file_visit(user, venue):
    return serves(user, venue)


@rule("meetingroom.admit_visitor")
def _may_admit_visitor(user, venue):
    """Only a manager admits a visitor without prior approval (with a reason)."""
    return manages(user, venue)


@rule("meetingroom.decide_visit")
def _may_decide_visit(user, visit):
    return leads(user, visit.venue) and visit.filed_by_id != user.pk


@rule("meetingroom.cancel_visit")
def _may_cancel_visit(user, visit):
    return visit.filed_by_id == user.pk or manages(user, visit.venue)


@rule("meetingroom.see_denials")
def _may_see_denials(user, venue):
    return has_role(user, Role.ADMIN) or venue.pk in overseen_venue_ids(user)


@rule("meetingroom.schedule_meeting")
def _may_schedule(user, obj):
    return manages(user, _venue_of(obj))


@rule("meetingroom.manage_subvenues")
def _may_manage_subvenues(user, venue):
    return manages(user, venue)


@rule("meetingroom.admit_subvenue")
def _may_admit_subvenue(user, obj):
    return serves(user, _venue_of(obj))


@rule("meetingroom.keep_devices")
def _may_keep_devices(user, obj):
    return serves(user, _venue_of(obj))


@rule("meetingroom.hand_over")
def _may_hand_over(user, meeting):
    return serves(user, meeting.venue)


@rule("meetingroom.export")
def _may_export(user, venue):
    if venue is None:
        return bool(managed_venue_ids(user))
    return manages(user, venue)


@rule("meetingroom.sign_pledge")
def _may_sign_pledge(user, obj):
    return has_role(user, Role.STAFF, Role.VENUE_MANAGER)


@rule("meetingroom.upload_pledge")
def _may_upload_pledge(user, person):
    """The person themself, or their department's supervisor, records a scanned pledge."""
    if person is None:
        return has_role(user, Role.STAFF, Role.VENUE_MANAGER, Role.SUPERVISOR)
    return person.pk == user.pk or supervises(user, person)


@rule("meetingroom.withdraw_pledge")
def _may_withdraw_pledge(user, pledge):
    return has_role(user, Role.HR, Role.ADMIN) or supervises(user, pledge.person)
