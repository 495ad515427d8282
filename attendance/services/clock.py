"""Check-in and check-out at the client site of the day's assignment."""

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from attendance.conf import conf
from attendance.geo import distance_metres, ip_allowed, parse_networks
from attendance.models import AttendanceRecord, CheckInPolicy
from onsite import audit
from onsite.models import Assignment
from onsite.permissions import require
from onsite.workflow import WorkflowError


def _policy_of(site):
    """The site's check-in policy, or None: read from ``site`` when it was fetched with
    ``select_related("checkin_policy")`` (no query), else asked."""
    try:
        return site.checkin_policy
    except CheckInPolicy.DoesNotExist:
        return None


def _check_location(site, ip, lat, lng):
    """Raise WorkflowError saying why, if the site's policy refuses this place.

    Enforces R2.1-strict-attendance.
    """
    policy = _policy_of(site)
    if policy is None:
        return
    if not ip_allowed(ip, parse_networks(policy.allowed_networks)):
        raise WorkflowError(
            _(
                "%(site)s accepts check-ins only from its own network; "
                "your address %(ip)s is not part of it."
            )
            % {"site": site.name, "ip": ip or "?"}
        )
    if policy.has_geofence:
        if lat is None or lng is None:
            raise WorkflowError(
                _(
                    "%(site)s needs your position: allow this page to use your location "
                    "and try again."
                )
                % {"site": site.name}
            )
        radius = policy.radius_metres or conf.DEFAULT_GEOFENCE_METRES
        distance = distance_metres(lat, lng, policy.latitude, policy.longitude)
        if distance > radius:
            raise WorkflowError(
                _(
                    "You are %(distance)d m away from %(site)s; check-in is accepted "
                    "within %(radius)d m."
                )
                % {"distance": round(distance), "site": site.name, "radius": radius}
            )


def today_assignment(user, today):
    """The person's assignment on ``today`` with its site and the site's check-in policy
    (one query; the latest started wins, as in ``Period.assignment_on``)."""
    return (
        Assignment.objects.filter(
            Q(end_date__isnull=True) | Q(end_date__gte=today), user=user, start_date__lte=today
        )
        .select_related("site__checkin_policy")
        .order_by("-start_date", "-id")
        .first()
    )


def check_in(user, *, now=None, ip=None, agent="", lat=None, lng=None):
    """Record today's check-in at the site of today's assignment.

    Enforces R2.1-strict-attendance, R2.3-site-work-hours.
    """
    require(user, "attendance.use")
    now = now or timezone.now()
    today = timezone.localdate(now)
    assignment = today_assignment(user, today)
    if assignment is None:
        raise WorkflowError(_("You are not assigned to any client site today."))
    _check_location(assignment.site, ip, lat, lng)
    try:
        with transaction.atomic():
            record = AttendanceRecord.objects.create(
                user=user,
                date=today,
                site=assignment.site,
                check_in_at=now,
                check_in_ip=ip,
                check_in_agent=(agent or "")[:300],
                check_in_lat=lat,
                check_in_lng=lng,
            )
            audit.record(user, "attendance.record.check_in", record, to_state="in", ip=ip)
    except IntegrityError:
        earlier = AttendanceRecord.objects.get(user=user, date=today)
        raise WorkflowError(
            _("You already checked in today at %(time)s.")
            % {"time": timezone.localtime(earlier.check_in_at).strftime("%H:%M")}
        ) from None
    return record


def check_out(user, *, now=None, ip=None, agent="", lat=None, lng=None):
    """Record today's check-out (once).

    Enforces R2.1-strict-attendance.
    """
    require(user, "attendance.use")
    now = now or timezone.now()
    today = timezone.localdate(now)
    with transaction.atomic():
        record = (
            AttendanceRecord.objects.select_for_update(of=("self",))
            .select_related("site__checkin_policy")
            .filter(user=user, date=today)
            .first()
        )
        if record is None:
            raise WorkflowError(_("You have not checked in today."))
        record.user = user  # the audit entry names it without asking
        if record.check_out_at:
            raise WorkflowError(
                _("You already checked out today at %(time)s.")
                % {"time": timezone.localtime(record.check_out_at).strftime("%H:%M")}
            )
        _check_location(record.site, ip, lat, lng)
        if now <= record.check_in_at:
            raise WorkflowError(_("The check-out must be after the check-in."))
        record.check_out_at = now
        record.check_out_ip = ip
        record.check_out_agent = (agent or "")[:300]
        record.check_out_lat, record.check_out_lng = lat, lng
        record.save(
            update_fields=[
                "check_out_at",
                "check_out_ip",
                "check_out_agent",
                "check_out_lat",
                "check_out_lng",
            ]
        )
        audit.record(
            user, "attendance.record.check_out", record, from_state="in", to_state="out", ip=ip
        )
    return record
