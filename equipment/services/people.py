"""Who is told: the staff assigned at a site and their department supervisors (fixed queries)."""

from collections import defaultdict

from django.db.models import Q
from django.utils import timezone

from onsite.models import Assignment, Department


def site_people(site_ids, day=None):
    """``({site_id: [staff]}, {site_id: [supervisors]})`` of the sites, in two queries."""
    day = day or timezone.localdate()
    staff, departments = defaultdict(list), defaultdict(set)
    rows = (
        Assignment.objects.filter(site_id__in=list(site_ids), start_date__lte=day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .select_related("user__profile")
    )
    for assignment in rows:
        user = assignment.user
        if user.is_active and user not in staff[assignment.site_id]:
            staff[assignment.site_id].append(user)
        profile = getattr(user, "profile", None)
        if profile:
            departments[assignment.site_id].add(profile.department_id)
    wanted = set().union(*departments.values()) if departments else set()
    by_department = defaultdict(list)
    links = Department.supervisors.through.objects.filter(department_id__in=wanted).select_related(
        "user"
    )
    for link in links:
        by_department[link.department_id].append(link.user)
    supervisors = {
        site: list({u.pk: u for d in depts for u in by_department[d]}.values())
        for site, depts in departments.items()
    }
    return staff, supervisors


def supervisors_of(site_id, day=None):
    return site_people([site_id], day)[1].get(site_id, [])
