"""Who may see and do what with equipment, plans, inspections and faults.

Scope (grant tables, one query each, cached on the user for the request):

- on-site staff: the sites they are assigned to today (every venue at those sites);
- department supervisors: the sites where staff of their departments are assigned today;
- control-room managers: the venues they manage;
- administrators: everything. Everyone else sees nothing (404).

Staff record (equipment, files, inspections, faults) where they see; supervisors of the
site, managers of the venue and administrators also plan, retire, close and see compliance.
"""

from django.db.models import Q
from django.utils import timezone

from equipment.choices import EquipmentStatus
from equipment.models import Attachment, Equipment, Fault, Inspection, MaintenancePlan
from onsite.choices import Role
from onsite.permissions import (
    assigned_site_ids,
    has_role,
    managed_venue_ids,
    rule,
    scope,
    supervised_department_ids,
)

USERS_ROLES = (Role.STAFF, Role.SUPERVISOR, Role.VENUE_MANAGER, Role.ADMIN)


def is_admin(user):
    return has_role(user, Role.ADMIN)


def supervised_site_ids(user, day=None):
    """Sites where staff of the departments ``user`` supervises are assigned on ``day``."""
    from onsite.models import Assignment

    if not has_role(user, Role.SUPERVISOR):
        return frozenset()
    day = day or timezone.localdate()
    cache = user.__dict__.setdefault("_equipment_supervised_sites", {})
    if day not in cache:
        cache[day] = frozenset(
            Assignment.objects.filter(
                user__profile__department_id__in=supervised_department_ids(user),
                start_date__lte=day,
            )
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
            .values_list("site_id", flat=True)
            .distinct()
        )
    return cache[day]


def site_ids(user):
    """Every site whose equipment ``user`` sees (as staff or as supervisor)."""
    staff_sites = assigned_site_ids(user) if has_role(user, Role.STAFF) else frozenset()
    return staff_sites | supervised_site_ids(user)


def venue_ids(user):
    return managed_venue_ids(user) if has_role(user, Role.VENUE_MANAGER) else frozenset()


def scope_q(user, prefix=""):
    """The condition on ``<prefix>site_id`` / ``<prefix>venue_id`` of what ``user`` sees."""
    if is_admin(user):
        return Q()
    return Q(**{f"{prefix}site_id__in": site_ids(user)}) | Q(
        **{f"{prefix}venue_id__in": venue_ids(user)}
    )


def lead_q(user, prefix=""):
    """Where ``user`` plans and decides: supervised sites, managed venues (admins: all)."""
    if is_admin(user):
        return Q()
    return Q(**{f"{prefix}site_id__in": supervised_site_ids(user)}) | Q(
        **{f"{prefix}venue_id__in": venue_ids(user)}
    )


def sees(user, site_id, venue_id):
    return is_admin(user) or site_id in site_ids(user) or venue_id in venue_ids(user)


def leads(user, site_id, venue_id):
    return is_admin(user) or site_id in supervised_site_ids(user) or venue_id in venue_ids(user)


def has_any_scope(user):
    return is_admin(user) or bool(site_ids(user) or venue_ids(user))


def leads_any(user):
    return is_admin(user) or bool(supervised_site_ids(user) or venue_ids(user))


@scope(Equipment)
def _visible_equipment(user, queryset):
    return queryset.filter(scope_q(user))


@scope(MaintenancePlan)
def _visible_plans(user, queryset):
    return queryset.filter(scope_q(user))


@scope(Inspection)
def _visible_inspections(user, queryset):
    return queryset.filter(scope_q(user, "plan__"))


@scope(Fault)
def _visible_faults(user, queryset):
    return queryset.filter(scope_q(user, "equipment__"))


@scope(Attachment)
def _visible_attachments(user, queryset):
    return queryset.filter(scope_q(user, "equipment__"))


# --- Rules ----------------------------------------------------------------------------
@rule("equipment.use")
def _may_use(user, obj):
    """The equipment pages are for staff, supervisors, managers and administrators."""
    return has_role(user, *USERS_ROLES)


@rule("equipment.lead")
def _may_lead(user, obj):
    """Plans, imports, compliance: supervisors of a site, managers of a venue, admins."""
    return leads_any(user)


@rule("equipment.register_equipment")
def _may_register(user, equipment):
    """``equipment``: the unsaved record (its site and venue), or None: anywhere."""
    if equipment is None:
        return has_any_scope(user)
    return sees(user, equipment.site_id, equipment.venue_id)


@rule("equipment.edit_equipment")
def _may_edit(user, equipment):
    return equipment.status == EquipmentStatus.IN_SERVICE and sees(
        user, equipment.site_id, equipment.venue_id
    )


@rule("equipment.retire_equipment")
def _may_retire(user, equipment):
    return leads(user, equipment.site_id, equipment.venue_id)


@rule("equipment.manage_plan")
def _may_manage_plan(user, plan):
    """``plan``: a plan (saved or not), or None: anywhere."""
    if plan is None:
        return leads_any(user)
    return leads(user, plan.site_id, plan.venue_id)


@rule("equipment.schedule_inspection")
def _may_schedule(user, plan):
    return sees(user, plan.site_id, plan.venue_id)


@rule("equipment.record_inspection")
def _may_record(user, inspection):
    plan = inspection.plan
    return sees(user, plan.site_id, plan.venue_id)


@rule("equipment.miss_inspection")
def _may_miss(user, inspection):
    plan = inspection.plan
    return leads(user, plan.site_id, plan.venue_id)


@rule("equipment.report_fault")
def _may_report(user, equipment):
    return equipment.status == EquipmentStatus.IN_SERVICE and sees(
        user, equipment.site_id, equipment.venue_id
    )


@rule("equipment.work_on_fault")
def _may_work_on(user, fault):
    equipment = fault.equipment
    return sees(user, equipment.site_id, equipment.venue_id)


@rule("equipment.close_fault")
def _may_close(user, fault):
    equipment = fault.equipment
    return leads(user, equipment.site_id, equipment.venue_id)
