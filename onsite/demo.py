"""Demo data: a small company with one person per role. Idempotent: only creates."""

from datetime import date
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from onsite.choices import Role, VenueKind
from onsite.models import Assignment, Department, Site, StaffProfile, Venue
from onsite.plugins import portal_apps

DEMO_PASSWORD = "onsite-demo-2026"

DEPARTMENTS = [
    ("AV", "音视频技术部"),
    ("IT", "信息技术部"),
    ("HR", "人事行政部"),
    ("MGT", "公司管理层"),
]
SITES = [("SC", "市会议中心", "人民路 1 号"), ("GA", "区政务服务中心", "建设大道 88 号")]
VENUES = [
    ("SC", "第一会议室", VenueKind.MEETING_ROOM),
    ("SC", "一号音控机房", VenueKind.CONTROL_ROOM),
    ("GA", "多功能厅", VenueKind.MEETING_ROOM),
]

# username, family name, given name, employee no, department, post, roles
PEOPLE = [
    ("zhangwei", "张", "伟", "E1001", "AV", "音视频工程师", [Role.STAFF]),
    ("zhouqiang", "周", "强", "E1002", "IT", "网络工程师", [Role.STAFF]),
    ("lina", "李", "娜", "E2001", "AV", "音视频技术部主管", [Role.STAFF, Role.SUPERVISOR]),
    ("wangfang", "王", "芳", "E3001", "HR", "人事专员", [Role.HR]),
    ("liuyang", "刘", "洋", "E4001", "MGT", "副总经理", [Role.VP]),
    ("chenjing", "陈", "静", "E2002", "AV", "机房管理员", [Role.STAFF, Role.VENUE_MANAGER]),
    ("zhaolei", "赵", "磊", "E2003", "AV", "档案保管员", [Role.STAFF, Role.CUSTODIAN]),
    ("sunli", "孙", "丽", "E4002", "MGT", "主管领导", [Role.LEADER]),
    ("admin", "系统", "管理员", "E0001", "IT", "系统管理员", [Role.ADMIN]),
]

ASSIGNMENTS = [
    ("zhangwei", "SC"),
    ("chenjing", "SC"),
    ("zhaolei", "SC"),
    ("lina", "SC"),
    ("zhouqiang", "GA"),
]


def demo_logins():
    """(role label, user name) pairs printed by the demo command."""
    return [
        (", ".join(str(Role(r).label) for r in roles), username)
        for username, *_rest, roles in PEOPLE
    ]


def _person(username, family, given, number, department, post, roles):
    """One demo person with a profile and roles (created once, never changed)."""
    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={
            "last_name": family,
            "first_name": given,
            "email": f"{username}@onsite.example",
            "is_staff": Role.ADMIN in roles,
            "is_superuser": Role.ADMIN in roles,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    StaffProfile.objects.get_or_create(
        user=user,
        defaults={
            "employee_no": number,
            "department": department,
            "post": post,
            "phone": f"1380000{number[1:]}",
        },
    )
    user.groups.add(*Group.objects.filter(name__in=[str(r) for r in roles]))
    return user


@transaction.atomic
def load_demo_data():
    """Create what is missing; never overwrite or delete what exists."""
    departments = {
        code: Department.objects.get_or_create(code=code, defaults={"name": name})[0]
        for code, name in DEPARTMENTS
    }
    sites = {
        code: Site.objects.get_or_create(code=code, defaults={"name": name, "address": addr})[0]
        for code, name, addr in SITES
    }
    venues = {
        name: Venue.objects.get_or_create(site=sites[site], name=name, defaults={"kind": kind})[0]
        for site, name, kind in VENUES
    }
    users = {
        username: _person(username, family, given, number, departments[dept], post, roles)
        for username, family, given, number, dept, post, roles in PEOPLE
    }
    departments["AV"].supervisors.add(users["lina"])
    venues["一号音控机房"].managers.add(users["chenjing"])
    venues["一号音控机房"].leaders.add(users["sunli"])
    for username, site in ASSIGNMENTS:
        Assignment.objects.get_or_create(
            user=users[username], site=sites[site], start_date=date(2026, 1, 1)
        )
    demo = SimpleNamespace(users=users, departments=departments, sites=sites, venues=venues)
    # Each app adds its own (idempotent) demo data with ``<app>/demo.py: load(demo)``.
    for app in portal_apps():
        module = app.import_part("demo") if app.name != "onsite" else None
        if module:
            module.load(demo)
    return users
