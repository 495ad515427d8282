"""Every change of attendance data: check-in/out, overtime and leave workflows, calendar.

Each state change: check the actor may do it → transaction and row lock → check the
state → change it → audit entry → notifications (sent after commit by the outbox).
Refusals raise ``WorkflowError`` (shown to the person) or ``PermissionDenied``.
"""

from datetime import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from attendance.choices import (
    DEFAULT_GEOFENCE_METRES,
    HOURS_PER_DAY,
    LEAVE_COUNTED,
    LEAVE_FLOW,
    OVERTIME_FLOW,
    CalendarSource,
    Compensation,
    DayKind,
    HalfDay,
    LeaveStatus,
    OvertimeKind,
    OvertimeStatus,
)
from attendance.days import Period, working_days_of_leave
from attendance.geo import distance_metres, ip_allowed, parse_networks
from attendance.models import (
    AttendanceRecord,
    CalendarYear,
    CheckInPolicy,
    HolidayCalendarDay,
    LeaveAllowance,
    LeaveRequest,
    OvertimeRequest,
    SiteDayOff,
    SiteSchedule,
)
from onsite import audit
from onsite.choices import Role
from onsite.names import display_name
from onsite.notifications import notify
from onsite.permissions import require
from onsite.workflow import WorkflowError, lock

User = get_user_model()


def supervisors_of(user):
    """The supervisors of a person's department(s), never the person themself."""
    return list(
        User.objects.filter(
            supervised_departments__staff__user=user,
            groups__name=Role.SUPERVISOR,
            is_active=True,
        )
        .exclude(pk=user.pk)
        .distinct()
    )


def hr_people(exclude=None):
    people = User.objects.filter(groups__name=Role.HR, is_active=True).distinct()
    if exclude is not None:
        people = people.exclude(pk=exclude.pk)
    return list(people)


def _aware(day, clock):
    return timezone.make_aware(datetime.combine(day, clock), timezone.get_current_timezone())


# --- Check-in and check-out -----------------------------------------------------------
def _check_location(site, ip, lat, lng):
    """Raise WorkflowError saying why, if the site's policy refuses this place.

    Enforces R2.1-strict-attendance.
    """
    policy = CheckInPolicy.objects.filter(site=site).first()
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
        radius = policy.radius_metres or DEFAULT_GEOFENCE_METRES
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
    return Period([user.pk], today, today, today=today).assignment_on(user.pk, today)


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
            audit.record(user, "attendance.check_in", record, to_state="in", ip=ip)
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
            AttendanceRecord.objects.select_for_update()
            .select_related("site")
            .filter(user=user, date=today)
            .first()
        )
        if record is None:
            raise WorkflowError(_("You have not checked in today."))
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
        audit.record(user, "attendance.check_out", record, from_state="in", to_state="out", ip=ip)
    return record


# --- Overtime -------------------------------------------------------------------------
def classify(day_kind):
    """The overtime type of a day (by the person's site schedule and the holiday calendar).

    Enforces R2.3-overtime-day-kind.
    """
    if day_kind == DayKind.HOLIDAY:
        return OvertimeKind.HOLIDAY
    if day_kind in DayKind.working():
        return OvertimeKind.WORKDAY
    return OvertimeKind.REST_DAY


def classify_day(user, day, site):
    """(overtime type, derived Day) of ``day`` for ``user`` at ``site``; refuses other sites.

    Enforces R2.3-overtime-day-kind.
    """
    period = Period([user.pk], day, day)
    assignment = period.assignment_on(user.pk, day)
    if assignment is None or assignment.site_id != site.pk:
        raise WorkflowError(
            _("On %(date)s you are not assigned to %(site)s.") % {"date": day, "site": site.name}
        )
    derived = period.day(user.pk, day)
    return classify(derived.kind), derived


def submit_overtime(
    user,
    *,
    date,
    start_time,
    end_time,
    site,
    reason,
    compensation=Compensation.PAY,
    late_reason="",
    now=None,
):
    """Ask for overtime (for oneself only). Asking after it started needs a late reason.

    Enforces R2.3-overtime-in-advance, R2.3-overtime-day-kind.
    """
    now = now or timezone.now()
    if end_time <= start_time:
        raise WorkflowError(_("The end must be after the start."))
    if not (reason or "").strip():
        raise WorkflowError(_("Say why the overtime is needed."))
    kind, derived = classify_day(user, date, site)
    if kind == OvertimeKind.WORKDAY:
        schedule = derived.schedule
        if start_time < schedule.end_time and end_time > schedule.start_time:
            raise WorkflowError(
                _("On a working day overtime must lie outside the hours %(start)s–%(end)s.")
                % {
                    "start": schedule.start_time.strftime("%H:%M"),
                    "end": schedule.end_time.strftime("%H:%M"),
                }
            )
    if compensation == Compensation.LEAVE and kind != OvertimeKind.REST_DAY:
        raise WorkflowError(_("Only rest-day overtime can be taken as compensatory leave."))
    late = now >= _aware(date, start_time)
    if late and not (late_reason or "").strip():
        raise WorkflowError(
            _(
                "This overtime has already started: overtime must be asked for in advance, "
                "so give the reason for asking late."
            )
        )

    def build():
        clash = OvertimeRequest.objects.filter(
            user=user, date=date, start_time__lt=end_time, end_time__gt=start_time
        ).exclude(status__in=[OvertimeStatus.CANCELLED, OvertimeStatus.REJECTED])
        if clash.exists():
            raise WorkflowError(_("You already asked for overtime overlapping these hours."))
        return OvertimeRequest(
            user=user,
            site=site,
            date=date,
            start_time=start_time,
            end_time=end_time,
            planned_minutes=int(
                (_aware(date, end_time) - _aware(date, start_time)).total_seconds() // 60
            ),
            kind=kind,
            compensation=compensation,
            reason=reason.strip(),
            submitted_late=late,
            late_reason=(late_reason or "").strip() if late else "",
        )

    def tell_supervisors(request):
        notify(
            supervisors_of(user),
            gettext_lazy("Overtime of %(name)s on %(date)s waits for your approval"),
            gettext_lazy("Asked late: %(late)s") if late else "",
            _overtime_url(request),
            {"name": display_name(user), "date": date.isoformat(), "late": request.late_reason},
        )

    # One request of a person at a time (their user row is locked): overlaps checked safely.
    return OVERTIME_FLOW.create(
        user,
        "submit",
        lock_first=[(User, user.pk)],
        build=build,
        comment=(late_reason or "").strip() if late else "",
        notify=tell_supervisors,
    )


def _overtime_url(request):
    return reverse("attendance:overtime_detail", args=[request.pk])


@OVERTIME_FLOW.implements("approve")
def approve_overtime(actor, request, comment=""):
    """The supervisor approves; HR is asked to approve and file.

    Enforces R2.3-overtime-supervisor-approval.
    """

    def tell(request):
        params = {"name": display_name(request.user), "date": request.date.isoformat()}
        notify(
            hr_people(exclude=request.user),
            gettext_lazy("Overtime of %(name)s on %(date)s waits for HR filing"),
            "",
            _overtime_url(request),
            params,
        )
        notify(
            request.user,
            gettext_lazy("Your overtime on %(date)s was approved by your supervisor"),
            "",
            _overtime_url(request),
            params,
        )

    return OVERTIME_FLOW.run(actor, request, "approve", comment=comment, notify=tell)


@OVERTIME_FLOW.implements("reject")
def reject_overtime(actor, request, comment=""):
    """Enforces R2.3-overtime-supervisor-approval."""
    return OVERTIME_FLOW.run(actor, request, "reject", comment=comment, notify=_tell_rejected)


@OVERTIME_FLOW.implements("file")
def file_overtime(actor, request, comment=""):
    """HR approves and files (备案) overtime the supervisor approved.

    Enforces R2.3-overtime-hr-filing.
    """

    def tell(request):
        notify(
            request.user,
            gettext_lazy("Your overtime on %(date)s was approved and filed by HR"),
            "",
            _overtime_url(request),
            {"date": request.date.isoformat()},
        )

    return OVERTIME_FLOW.run(actor, request, "file", comment=comment, notify=tell)


@OVERTIME_FLOW.implements("hr_reject")
def hr_reject_overtime(actor, request, comment=""):
    """Enforces R2.3-overtime-hr-filing."""
    return OVERTIME_FLOW.run(actor, request, "hr_reject", comment=comment, notify=_tell_rejected)


def _tell_rejected(request):
    notify(
        request.user,
        gettext_lazy("Your overtime on %(date)s was rejected"),
        gettext_lazy("Reason: %(reason)s"),
        _overtime_url(request),
        {"date": request.date.isoformat(), "reason": request.decision_comment},
    )


@OVERTIME_FLOW.implements("cancel")
def cancel_overtime(actor, request, comment=""):
    """The applicant withdraws a request until HR has filed it; whoever waits is told."""
    waiting = []

    def remember(request):
        was = request.status
        waiting.extend(
            supervisors_of(request.user) if was == OvertimeStatus.SUBMITTED else hr_people()
        )

    def tell(request):
        notify(
            waiting,
            gettext_lazy("%(name)s withdrew the overtime request for %(date)s"),
            "",
            _overtime_url(request),
            {"name": display_name(request.user), "date": request.date.isoformat()},
        )

    return OVERTIME_FLOW.run(
        actor, request, "cancel", comment=comment, change=remember, notify=tell
    )


def suggested_minutes(request, record=None):
    """Actual overtime minutes suggested from the day's check-in/out, else the planned ones."""
    if record is None:
        record = AttendanceRecord.objects.filter(user_id=request.user_id, date=request.date).first()
    if record is None or record.check_out_at is None:
        return request.planned_minutes
    if request.kind == OvertimeKind.WORKDAY:
        start = max(record.check_in_at, _aware(request.date, request.start_time))
        end = min(record.check_out_at, _aware(request.date, request.end_time))
        return max(0, int((end - start).total_seconds() // 60))
    return record.worked_minutes


def confirm_overtime_hours(actor, request, minutes, *, now=None):
    """After the overtime, its applicant (or supervisor) confirms the minutes actually worked.

    Not a move of the request's status: the minutes are a fact recorded on it, audited.
    """
    now = now or timezone.now()
    if minutes is None or minutes < 0 or minutes > 24 * 60:
        raise WorkflowError(_("Give the minutes worked, between 0 and 1440."))
    require(actor, "attendance.confirm_hours", request)
    with transaction.atomic():
        request = lock(OvertimeRequest, request.pk)
        require(actor, "attendance.confirm_hours", request)
        if request.status not in (OvertimeStatus.SUPERVISOR_APPROVED, OvertimeStatus.FILED):
            raise WorkflowError(_("Only approved overtime has hours to confirm."))
        if now < _aware(request.date, request.end_time):
            raise WorkflowError(_("The hours can be confirmed once the overtime has ended."))
        before = request.actual_minutes
        request.actual_minutes = minutes
        request.actual_confirmed_by = actor
        request.actual_confirmed_at = now
        request.save(update_fields=["actual_minutes", "actual_confirmed_by", "actual_confirmed_at"])
        audit.record(
            actor,
            "attendance.overtime.confirm_hours",
            request,
            from_state="" if before is None else str(before),
            to_state=str(minutes),
        )
    return request


# --- Leave ----------------------------------------------------------------------------
def comp_leave_balance(user, until=None):
    """Days of compensatory leave earned by filed rest-day overtime minus those taken.

    Enforces R2.3-leave-by-company-policy.
    """
    earned = OvertimeRequest.objects.filter(
        user=user,
        status=OvertimeStatus.FILED,
        kind=OvertimeKind.REST_DAY,
        compensation=Compensation.LEAVE,
    )
    used = LeaveRequest.objects.filter(
        user=user, leave_type__is_compensatory=True, status__in=LEAVE_COUNTED
    )
    if until:
        earned = earned.filter(date__lte=until)
        used = used.filter(start_date__lte=until)
    minutes = sum(ot.counted_minutes for ot in earned.only("planned_minutes", "actual_minutes"))
    taken = used.aggregate(total=Sum("days"))["total"] or Decimal(0)
    return (Decimal(minutes) / 60 / HOURS_PER_DAY).quantize(Decimal("0.1")) - taken


def leave_balance(user, leave_type, year):
    """Days left of a leave type in a year (pending requests count as taken).

    Enforces R2.3-leave-by-company-policy.
    """
    if leave_type.is_compensatory:
        return comp_leave_balance(user)
    return allowance_of(user, leave_type, year) - days_taken(user, leave_type, year)


def allowance_of(user, leave_type, year):
    """The person's own allowance for the year if HR set one, else the type's default.

    Enforces R2.3-leave-by-company-policy.
    """
    own = LeaveAllowance.objects.filter(user=user, leave_type=leave_type, year=year).first()
    return own.days if own else leave_type.yearly_allowance


def days_taken(user, leave_type, year):
    return (
        LeaveRequest.objects.filter(
            user=user, leave_type=leave_type, status__in=LEAVE_COUNTED, start_date__year=year
        ).aggregate(total=Sum("days"))["total"]
        or 0
    )


def submit_leave(user, *, leave_type, start_date, start_half, end_date, end_half, reason):
    """Ask for leave (for oneself only): no overlap, and a balance that stays at zero or more.

    Enforces R2.3-leave-by-company-policy.
    """
    if (end_date, end_half) < (start_date, start_half) or (
        start_date == end_date and start_half == HalfDay.PM and end_half == HalfDay.AM
    ):
        raise WorkflowError(_("The end must be after the start."))
    if not leave_type.is_active:
        raise WorkflowError(_("This leave type is no longer offered."))
    if not (reason or "").strip():
        raise WorkflowError(_("Give a reason for the leave."))
    days = working_days_of_leave(user, start_date, start_half, end_date, end_half)
    if days <= 0:
        raise WorkflowError(_("These dates contain no working day."))
    mine = (
        (start_date, 0 if start_half == HalfDay.AM else 1),
        (end_date, 0 if end_half == HalfDay.AM else 1),
    )

    def build():
        for other in LeaveRequest.objects.filter(
            user=user,
            status__in=LEAVE_COUNTED,
            start_date__lte=end_date,
            end_date__gte=start_date,
        ):
            first, last = other.half_slots()
            if first <= mine[1] and mine[0] <= last:
                raise WorkflowError(
                    _("This overlaps your leave from %(start)s to %(end)s.")
                    % {"start": other.start_date, "end": other.end_date}
                )
        if not leave_type.allow_negative:
            left = leave_balance(user, leave_type, start_date.year)
            if days > left:
                raise WorkflowError(
                    _("Only %(left)s day(s) of %(type)s are left; this leave needs %(days)s.")
                    % {"left": left, "type": leave_type.name, "days": days}
                )
        return LeaveRequest(
            user=user,
            leave_type=leave_type,
            start_date=start_date,
            start_half=start_half,
            end_date=end_date,
            end_half=end_half,
            days=days,
            reason=reason.strip(),
        )

    def tell_supervisors(request):
        notify(
            supervisors_of(user),
            gettext_lazy("Leave of %(name)s from %(start)s waits for your approval"),
            "",
            _leave_url(request),
            {"name": display_name(user), "start": start_date.isoformat()},
        )

    # The person's row is locked: their requests queue up, so no double-booking or overdraft.
    return LEAVE_FLOW.create(
        user, "submit", lock_first=[(User, user.pk)], build=build, notify=tell_supervisors
    )


def _leave_url(request):
    return reverse("attendance:leave_detail", args=[request.pk])


def _tell_decided(request):
    title = (
        gettext_lazy("Your leave from %(start)s was approved")
        if request.status == LeaveStatus.APPROVED
        else gettext_lazy("Your leave from %(start)s was rejected")
    )
    comment = request.decision_comment
    notify(
        request.user,
        title,
        gettext_lazy("Comment: %(comment)s") if comment else "",
        _leave_url(request),
        {"start": request.start_date.isoformat(), "comment": comment},
    )


@LEAVE_FLOW.implements("approve")
def approve_leave(actor, request, comment=""):
    """Enforces R2.3-leave-by-company-policy."""
    return LEAVE_FLOW.run(actor, request, "approve", comment=comment, notify=_tell_decided)


@LEAVE_FLOW.implements("reject")
def reject_leave(actor, request, comment=""):
    """Enforces R2.3-leave-by-company-policy."""
    return LEAVE_FLOW.run(actor, request, "reject", comment=comment, notify=_tell_decided)


@LEAVE_FLOW.guard("cancel")
def _leave_not_begun(request, user, now):
    if request.status == LeaveStatus.APPROVED and request.start_date <= timezone.localdate(now):
        return _("Leave that has begun can no longer be withdrawn.")
    return None


@LEAVE_FLOW.implements("cancel")
def cancel_leave(actor, request, *, comment="", now=None):
    """The applicant withdraws a pending request, or an approved one before it starts."""

    def tell(request):
        notify(
            supervisors_of(request.user),
            gettext_lazy("%(name)s withdrew the leave from %(start)s"),
            "",
            _leave_url(request),
            {"name": display_name(request.user), "start": request.start_date.isoformat()},
        )

    return LEAVE_FLOW.run(actor, request, "cancel", comment=comment, notify=tell, now=now)


# --- Several decisions at once ----------------------------------------------------------
FLOWS = {"overtime": OVERTIME_FLOW, "leave": LEAVE_FLOW}


def decide_many(actor, what, action, requests, comment=""):
    """Apply one decision to several requests, each in its own transaction.

    Returns (number decided, list of error messages); one refusal does not undo the others.
    """
    flow = FLOWS[what]
    decide = flow.service(action)
    done, errors = 0, []
    for request in requests:
        try:
            decide(actor, request, comment=comment)
        except WorkflowError as error:
            errors.append(f"#{request.pk}: {error}")
        except PermissionDenied:
            errors.append(_("#%(pk)s: you may not decide this request.") % {"pk": request.pk})
        else:
            done += 1
    return done, errors


# --- Holiday calendar and leave types (HR) ---------------------------------------------
def save_calendar_day(actor, *, date, kind, name):
    """Enforces R2.3-overtime-day-kind."""
    require(actor, "attendance.manage_calendar")
    with transaction.atomic():
        day, created = HolidayCalendarDay.objects.update_or_create(
            date=date, defaults={"kind": kind, "name": name, "source": CalendarSource.HR}
        )
        audit.record(actor, "calendar.add" if created else "calendar.change", day, to_state=kind)
    return day


def remove_calendar_day(actor, pk):
    require(actor, "attendance.manage_calendar")
    with transaction.atomic():
        day = lock(HolidayCalendarDay, pk)
        audit.record(actor, "calendar.remove", day, from_state=day.kind)
        day.delete()


def confirm_calendar_year(actor, year):
    """HR confirms a year's calendar as complete (e.g. entered from the State Council notice)."""
    require(actor, "attendance.manage_calendar")
    with transaction.atomic():
        row, _created = CalendarYear.objects.get_or_create(year=year)
        row.provisional = False
        row.confirmed_by, row.confirmed_at = actor, timezone.now()
        row.save(update_fields=["provisional", "confirmed_by", "confirmed_at"])
        audit.record(actor, "calendar.confirm_year", row, from_state="provisional", to_state="ok")
    return row


def import_calendar_year(actor, year):
    """Reload a year from the package (HR's own days are kept)."""
    from attendance.holidays import seed_year

    require(actor, "attendance.manage_calendar")
    rows = seed_year(year)
    audit.record(actor, "calendar.import", CalendarYear.objects.get(year=year), comment=str(rows))
    return rows


def set_allowance(actor, *, user, leave_type, year, days):
    """HR sets one person's allowance of a leave type for a year (audited).

    Enforces R2.3-leave-by-company-policy.
    """
    require(actor, "attendance.manage_leave_types")
    with transaction.atomic():
        row, created = LeaveAllowance.objects.select_for_update().get_or_create(
            user=user, leave_type=leave_type, year=year, defaults={"days": days}
        )
        before = None if created else row.days
        if not created:
            row.days = days
            row.save(update_fields=["days"])
        audit.record(
            actor,
            "leave_allowance.set",
            row,
            from_state="" if before is None else str(before),
            to_state=str(days),
        )
    return row


def save_leave_type(actor, form):
    require(actor, "attendance.manage_leave_types")
    with transaction.atomic():
        created = form.instance.pk is None
        leave_type = form.save()
        audit.record(
            actor,
            "leave_type.add" if created else "leave_type.change",
            leave_type,
            comment=", ".join(form.changed_data),
        )
    return leave_type


# --- Site schedules, client days off, check-in policies (HR) ----------------------------
def add_schedule(
    actor,
    site,
    *,
    valid_from,
    weekdays,
    start_time,
    end_time,
    grace_minutes,
    follows_national_calendar=True,
    today=None,
):
    """A new schedule for a site from a date on; earlier days keep the schedule they had.

    Enforces R2.3-site-work-hours.
    """
    require(actor, "attendance.manage_sites")
    today = today or timezone.localdate()
    if end_time <= start_time:
        raise WorkflowError(_("The end must be after the start."))
    with transaction.atomic():
        existing = SiteSchedule.objects.select_for_update().filter(site=site)
        if existing.filter(valid_from=valid_from).exists():
            raise WorkflowError(_("This site already has a schedule from that date."))
        if valid_from < today and existing.exists():
            raise WorkflowError(
                _("A new schedule applies from today on; past days keep the schedule they had.")
            )
        schedule = SiteSchedule(
            site=site,
            valid_from=valid_from,
            weekdays=weekdays,
            start_time=start_time,
            end_time=end_time,
            grace_minutes=grace_minutes,
            follows_national_calendar=follows_national_calendar,
        )
        schedule.full_clean()
        schedule.save()
        audit.record(actor, "site_schedule.add", schedule, to_state=str(valid_from))
    return schedule


def add_day_off(actor, site, *, date, reason):
    """Enforces R2.3-site-work-hours."""
    require(actor, "attendance.manage_sites")
    with transaction.atomic():
        day, created = SiteDayOff.objects.get_or_create(
            site=site, date=date, defaults={"reason": reason}
        )
        if not created:
            raise WorkflowError(_("This day is already a client day off."))
        audit.record(actor, "site_day_off.add", day, comment=reason)
    return day


def remove_day_off(actor, pk):
    require(actor, "attendance.manage_sites")
    with transaction.atomic():
        day = lock(SiteDayOff, pk)
        audit.record(actor, "site_day_off.remove", day, comment=day.reason)
        day.delete()


def save_policy(actor, site, *, allowed_networks, latitude, longitude, radius_metres):
    """Set where check-ins at a site are accepted from (IP ranges and/or a geofence).

    Enforces R2.1-strict-attendance.
    """
    require(actor, "attendance.manage_sites")
    with transaction.atomic():
        policy = CheckInPolicy.objects.filter(site=site).first() or CheckInPolicy(site=site)
        policy.allowed_networks = allowed_networks
        policy.latitude, policy.longitude = latitude, longitude
        policy.radius_metres = radius_metres
        policy.full_clean()
        policy.save()
        audit.record(actor, "checkin_policy.save", policy)
    return policy
