"""Reminder kinds of the equipment app (the core's mechanism sends each once per period).

- ``equipment_inspection_due``: an inspection's lead time has come (once), and it is due
  today (once); to the plan's person, or the staff at the site, and the venue's managers.
- ``equipment_inspection_overdue``: still not done ``EQUIPMENT_OVERDUE_ESCALATION_DAYS``
  after its due date: escalated once to the supervisors of the site as well.
- ``equipment_fault_open``: a fault not responded to within the site's response target, or
  not fixed within its fix target: escalated once each to the supervisors.

Each ``find_due`` reads what it needs in a fixed number of queries (joins, prefetches and
the site people in two), however many items are due.
"""

from datetime import timedelta

from django.db.models import Max, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from equipment.choices import FaultStatus, InspectionStatus
from equipment.conf import conf
from equipment.models import Fault, Inspection, MaintenancePlan, ServiceTarget
from equipment.services.people import site_people
from onsite.reminding import Due, register


def _open_inspections(until):
    return (
        Inspection.objects.filter(
            status=InspectionStatus.DUE, plan__is_active=True, due_on__lte=until
        )
        .select_related("plan__site", "plan__venue", "plan__assignee")
        .prefetch_related("plan__venue__managers")
        .order_by("due_on", "pk")
    )


def _doers(plan, staff):
    """Who does a plan's work: its person, else the staff at its site; and the venue's managers."""
    people = [plan.assignee] if plan.assignee_id else list(staff.get(plan.site_id, ()))
    if plan.venue_id:
        people += list(plan.venue.managers.all())
    return people


def _params(inspection):
    plan = inspection.plan
    place = plan.site.name + (f" · {plan.venue.name}" if plan.venue_id else "")
    return {"plan": plan.title, "place": place, "date": inspection.due_on.isoformat()}


def _url(inspection):
    return reverse("equipment:inspection_record", args=[inspection.pk])


@register("equipment_inspection_due", every_seconds=3600, label=_("Inspection or maintenance due"))
def inspections_due(now):
    """Once when the plan's lead time starts, once on the due date."""
    today = timezone.localdate(now)
    longest = MaintenancePlan.objects.aggregate(longest=Max("lead_days"))["longest"] or 0
    rows = [i for i in _open_inspections(today + timedelta(days=longest)) if i.due_on >= today]
    staff, _supervisors = site_people({i.plan.site_id for i in rows}, today)
    for inspection in rows:
        plan = inspection.plan
        if inspection.due_on == today:
            period, title = f"due-{inspection.due_on}", _("Due today: %(plan)s at %(place)s")
        elif today >= inspection.due_on - timedelta(days=plan.lead_days):
            period, title = (
                f"ahead-{inspection.due_on}",
                _("Due on %(date)s: %(plan)s at %(place)s"),
            )
        else:
            continue
        yield Due(
            obj=inspection,
            period=period,
            recipients=_doers(plan, staff),
            title=title,
            body=_("Record it from your phone when it is done."),
            url=_url(inspection),
            params=_params(inspection),
        )


@register(
    "equipment_inspection_overdue", every_seconds=3600, label=_("Inspection overdue (escalated)")
)
def inspections_overdue(now):
    """Not done some days after the due date: the doers and the site's supervisors, once."""
    today = timezone.localdate(now)
    late_since = today - timedelta(days=max(1, conf.OVERDUE_ESCALATION_DAYS))
    rows = list(_open_inspections(late_since))
    staff, supervisors = site_people({i.plan.site_id for i in rows}, today)
    for inspection in rows:
        plan = inspection.plan
        yield Due(
            obj=inspection,
            period=f"overdue-{inspection.due_on}",
            recipients=_doers(plan, staff) + list(supervisors.get(plan.site_id, ())),
            title=_("Overdue since %(date)s: %(plan)s at %(place)s"),
            body=_("The inspection was not recorded. Do it now or mark it missed with the reason."),
            url=_url(inspection),
            params=_params(inspection),
        )


def _targets():
    """(default response minutes, default fix hours, shortest of each over the sites)."""
    shortest = ServiceTarget.objects.aggregate(r=Min("response_minutes"), f=Min("fix_hours"))
    response = min(conf.RESPONSE_MINUTES, shortest["r"] or conf.RESPONSE_MINUTES)
    fix = min(conf.FIX_HOURS, shortest["f"] or conf.FIX_HOURS)
    return response, fix


def target_of(site):
    """(response minutes, fix hours) of a site (its contract's, or the defaults)."""
    target = getattr(site, "service_target", None)
    if target is None:
        return conf.RESPONSE_MINUTES, conf.FIX_HOURS
    return target.response_minutes, target.fix_hours


@register("equipment_fault_open", every_seconds=900, label=_("Fault past its response target"))
def faults_open(now):
    """An open fault past the site's response (or fix) target: escalated once each."""
    shortest_response, shortest_fix = _targets()
    faults = list(
        Fault.objects.filter(
            status__in=[FaultStatus.REPORTED, FaultStatus.RESPONDED],
            client_reported_at__lte=now
            - timedelta(minutes=min(shortest_response, shortest_fix * 60)),
        )
        .select_related(
            "equipment__site__service_target", "equipment__venue", "equipment__responsible"
        )
        .prefetch_related("equipment__venue__managers")
    )
    _staff, supervisors = site_people(
        {f.equipment.site_id for f in faults}, timezone.localdate(now)
    )
    for fault in faults:
        equipment = fault.equipment
        response, fix = target_of(equipment.site)
        if fault.status == FaultStatus.REPORTED:
            limit, period = timedelta(minutes=response), "response"
            title = _("No response within %(target)s minutes: %(fault)s at %(place)s")
            target = response
        else:
            limit, period = timedelta(hours=fix), "fix"
            title = _("Not fixed within %(target)s hours: %(fault)s at %(place)s")
            target = fix
        if now - fault.client_reported_at < limit:
            continue
        recipients = list(supervisors.get(equipment.site_id, ()))
        if equipment.responsible_id:
            recipients.append(equipment.responsible)
        if equipment.venue_id:
            recipients += list(equipment.venue.managers.all())
        yield Due(
            obj=fault,
            period=period,
            recipients=recipients,
            title=title,
            body=_("%(title)s — reported by the client at %(at)s."),
            url=reverse("equipment:fault_detail", args=[fault.pk]),
            params={
                "target": target,
                "fault": fault.reference,
                "title": fault.title,
                "place": equipment.location,
                "at": timezone.localtime(fault.client_reported_at).strftime("%Y-%m-%d %H:%M"),
            },
        )
