"""What HR sets up: the holiday calendar, and each client site's schedules, days off and
check-in policy. Every change is audited."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from attendance.choices import CalendarSource
from attendance.models import (
    CalendarYear,
    CheckInPolicy,
    HolidayCalendarDay,
    SiteDayOff,
    SiteSchedule,
)
from onsite import audit
from onsite.permissions import require
from onsite.workflow import WorkflowError, lock


def _locked(model, obj):
    try:
        return lock(model, obj.pk)
    except model.DoesNotExist:
        raise WorkflowError(_("This no longer exists.")) from None


# --- Holiday calendar -----------------------------------------------------------------
def save_calendar_day(actor, *, date, kind, name):
    """Enforces R2.3-overtime-day-kind."""
    require(actor, "attendance.manage_calendar")
    with transaction.atomic():
        day, created = HolidayCalendarDay.objects.update_or_create(
            date=date, defaults={"kind": kind, "name": name, "source": CalendarSource.HR}
        )
        action = "add" if created else "change"
        audit.record(actor, f"attendance.calendar_day.{action}", day, to_state=kind)
    return day


def remove_calendar_day(actor, day):
    require(actor, "attendance.manage_calendar")
    with transaction.atomic():
        day = _locked(HolidayCalendarDay, day)
        audit.record(actor, "attendance.calendar_day.remove", day, from_state=day.kind)
        day.delete()


def confirm_calendar_year(actor, year):
    """HR confirms a year's calendar as complete (e.g. entered from the State Council notice)."""
    require(actor, "attendance.manage_calendar")
    with transaction.atomic():
        row, _created = CalendarYear.objects.get_or_create(year=year)
        row.provisional = False
        row.confirmed_by, row.confirmed_at = actor, timezone.now()
        row.save(update_fields=["provisional", "confirmed_by", "confirmed_at"])
        audit.record(
            actor, "attendance.calendar_year.confirm", row, from_state="provisional", to_state="ok"
        )
    return row


def import_calendar_year(actor, year):
    """Reload a year from the package (HR's own days are kept). Returns the days loaded."""
    from attendance.holidays import seed_year

    require(actor, "attendance.manage_calendar")
    with transaction.atomic():
        rows = seed_year(year)
        row = CalendarYear.objects.get(year=year)
        audit.record(actor, "attendance.calendar_year.import", row, comment=str(rows))
    return rows


# --- Site schedules, client days off, check-in policies ---------------------------------
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
        audit.record(actor, "attendance.site_schedule.add", schedule, to_state=str(valid_from))
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
        audit.record(actor, "attendance.site_day_off.add", day, comment=reason)
    return day


def remove_day_off(actor, day):
    require(actor, "attendance.manage_sites")
    with transaction.atomic():
        day = _locked(SiteDayOff, day)
        audit.record(actor, "attendance.site_day_off.remove", day, comment=day.reason)
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
        audit.record(actor, "attendance.checkin_policy.save", policy)
    return policy
