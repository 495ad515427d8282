"""Maintenance plans and their inspections: scheduled, recorded from a phone, or missed.

A plan has at most one open (due) inspection at a time (a partial unique constraint).
Recording it schedules the next one — from the schedule or from the day it was done —
and a schedule's occurrences that passed meanwhile are recorded as missed. A failed check
opens a fault in the same transaction.
"""

from dataclasses import dataclass
from io import BytesIO

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from equipment import recurrence
from equipment.choices import INSPECTION, CountFrom, EquipmentStatus, InspectionStatus, Outcome
from equipment.conf import conf
from equipment.models import Inspection, InspectionResult, MaintenancePlan
from equipment.services.faults import open_fault_for
from onsite import audit
from onsite.permissions import require
from onsite.storage import sha256_of
from onsite.workflow import WorkflowError, lock

MAX_LAPSED = 400  # a daily plan left a year: its missed days are recorded, not more


@dataclass
class Line:
    """One check of one device in a recorded inspection (what the phone form sends)."""

    equipment: object
    check_name: str
    outcome: str
    note: str = ""
    photo: object = None  # an uploaded image, or None
    threats_found: int | None = None


def in_service(plan):
    return [e for e in plan.equipment.all() if e.status == EquipmentStatus.IN_SERVICE]


def expected_lines(plan):
    """(device, check) pairs the inspection of ``plan`` must answer."""
    return [(device, check) for device in in_service(plan) for check in plan.checks]


# --- Plans ----------------------------------------------------------------------------
def save_plan(actor, plan, equipment, comment=""):
    """Create or change a maintenance plan; a new plan's first inspection is scheduled.

    Enforces R2.4-venue-maintenance, R2.4-venue-inspection.
    """
    require(actor, "equipment.manage_plan", plan)
    try:
        recurrence.validate(plan.frequency, plan.interval, plan.rrule, plan.starts_on)
    except recurrence.RecurrenceError as error:
        raise WorkflowError(str(error)) from None
    devices = list(equipment)
    if not devices:
        raise WorkflowError(_("Choose at least one device."))
    misplaced = [
        d
        for d in devices
        if d.site_id != plan.site_id or (plan.venue_id and d.venue_id != plan.venue_id)
    ]
    if misplaced:
        raise WorkflowError(
            _("%(device)s is not at the plan's site or venue.") % {"device": misplaced[0]}
        )
    if plan.venue_id and plan.venue.site_id != plan.site_id:
        raise WorkflowError(_("The venue is not at this site."))
    if not plan.checks:
        raise WorkflowError(_("Write at least one check, one per line."))
    created = plan.pk is None
    with transaction.atomic():
        if not created:
            lock(MaintenancePlan, plan.pk)
        plan.created_by = plan.created_by or actor
        plan.save()
        plan.equipment.set(devices)
        audit.record(actor, "equipment.plan.save", plan, comment=comment)
        open_exists = plan.inspections.filter(status=InspectionStatus.DUE).exists()
        if plan.is_active and not open_exists and not plan.inspections.exists():
            schedule(actor, plan, recurrence.first_scheduled(plan))
    return plan


def schedule(actor, plan, scheduled_on, *, calendar=None, missed=False):
    """Create the occurrence of ``plan`` scheduled on a date (due, or missed if it passed)."""
    if scheduled_on is None:
        return None
    if calendar is None:
        calendar = recurrence.holiday_calendar(scheduled_on, scheduled_on)

    def build():
        return Inspection(
            plan=plan,
            scheduled_on=scheduled_on,
            due_on=recurrence.due_date(plan, scheduled_on, calendar),
        )

    return INSPECTION.create(
        actor,
        "lapse" if missed else "schedule",
        context=plan,
        lock_first=[(MaintenancePlan, plan.pk)],
        build=build,
    )


def schedule_next(actor, inspection, done_on):
    """After an inspection was done (or missed) on ``done_on``: the plan's next occurrence;
    the schedule's occurrences that passed meanwhile are recorded as missed."""
    plan = inspection.plan
    if not plan.is_active:
        return None
    by_done = done_on if plan.count_from == CountFrom.LAST_DONE else None
    upcoming = recurrence.next_scheduled(plan, inspection.scheduled_on, by_done)
    if upcoming is None:
        return None
    calendar = recurrence.holiday_calendar(min(upcoming, done_on), max(upcoming, done_on))
    lapsed = 0
    while (
        upcoming is not None
        and plan.count_from == CountFrom.SCHEDULE
        and recurrence.due_date(plan, upcoming, calendar) < done_on
        and lapsed < MAX_LAPSED
    ):
        schedule(actor, plan, upcoming, calendar=calendar, missed=True)
        lapsed += 1
        upcoming = recurrence.next_scheduled(plan, upcoming)
    return schedule(actor, plan, upcoming)


# --- Recording ------------------------------------------------------------------------
def resized_photo(uploaded):
    """The uploaded image as a JPEG no larger than ``EQUIPMENT_PHOTO_MAX_PIXELS`` a side."""
    try:
        image = Image.open(uploaded)
        image.load()
    except (UnidentifiedImageError, OSError, ValueError):
        raise WorkflowError(_("The photo is not an image that can be read.")) from None
    image = ImageOps.exif_transpose(image).convert("RGB")
    image.thumbnail((conf.PHOTO_MAX_PIXELS, conf.PHOTO_MAX_PIXELS))
    out = BytesIO()
    image.save(out, format="JPEG", quality=85)
    return ContentFile(out.getvalue(), name="photo.jpg")


def _check_lines(inspection, lines):
    wanted = {(device.pk, check) for device, check in expected_lines(inspection.plan)}
    given = {(getattr(line.equipment, "pk", None), line.check_name) for line in lines}
    if given != wanted or len(lines) != len(wanted):
        raise WorkflowError(_("Answer every check of every device, once."))
    for line in lines:
        if line.outcome not in Outcome.values:
            raise WorkflowError(_("Choose passed, failed or n/a for every check."))
        if line.outcome == Outcome.FAIL and not (line.note or "").strip():
            raise WorkflowError(
                _("Say what is wrong with %(device)s: %(check)s.")
                % {"device": line.equipment, "check": line.check_name}
            )


@INSPECTION.implements("record")
def record_inspection(actor, inspection, *, lines, comment="", now=None):
    """Record a due inspection: each check passed / failed / n/a with a note and a photo; a
    failed check opens a fault; the next inspection is scheduled — one transaction.

    Enforces R2.4-venue-inspection, R2.4-venue-maintenance, R2.4-antivirus,
    R1-fault-immediate-follow-up.
    """
    now = now or timezone.now()
    photos = {id(line): resized_photo(line.photo) for line in lines if line.photo}

    def check(inspection):
        _check_lines(inspection, lines)

    def write_results(inspection):
        for line in lines:
            result = InspectionResult(
                inspection=inspection,
                equipment=line.equipment,
                check_name=line.check_name,
                outcome=line.outcome,
                note=(line.note or "").strip()[:300],
                threats_found=line.threats_found,
            )
            photo = photos.get(id(line))
            if photo is not None:
                result.photo_sha256 = sha256_of(photo)
                result.photo.save("photo.jpg", photo, save=False)
            result.save()
            if result.outcome == Outcome.FAIL:
                open_fault_for(actor, result, now)
        schedule_next(actor, inspection, timezone.localdate(now))

    try:
        return INSPECTION.run(
            actor, inspection, "record", comment=comment, change=check, then=write_results, now=now
        )
    except IntegrityError:
        raise WorkflowError(_("This inspection was just recorded by someone else.")) from None


@INSPECTION.implements("miss")
def miss_inspection(actor, inspection, comment=""):
    """A supervisor or manager records that a due inspection was not done; the next one is
    scheduled.

    Enforces R2.4-venue-inspection.
    """
    return INSPECTION.run(
        actor,
        inspection,
        "miss",
        comment=comment,
        then=lambda obj: schedule_next(actor, obj, timezone.localdate()),
    )


def devices_for(inspection):
    """The devices of an inspection's form, in order (their plan's, in service)."""
    return sorted(in_service(inspection.plan), key=lambda d: (d.name, d.pk))


def plan_devices(plan_ids):
    """{plan id: [devices]} in one query (pages listing several plans)."""
    through = MaintenancePlan.equipment.through.objects.filter(
        maintenanceplan_id__in=list(plan_ids)
    ).select_related("equipment")
    found = {}
    for link in through:
        found.setdefault(link.maintenanceplan_id, []).append(link.equipment)
    return found
