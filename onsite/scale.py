"""A company at scale for measuring speed (``manage.py seed_scale --staff 500``).

The core builds the frame: 10 departments, 5 client sites with a meeting venue and an A/V
control room each, ``staff`` on-site staff (``u0000``…; number n is in department n % 10,
stationed at site (n // 10) % 5; numbers 0–9 supervise their departments) and one person
for each other role (``hr``, ``vp``, ``custodian``, ``manager``, ``leader``, ``admin``).
Then each app adds its own data with ``<app>/scale.py``::

    def seed(scale):        # bulk inserts only (bulk_create in batches), scale.rng for chance
        ...
        return {"check-ins": 125_000, ...}   # what it made, printed by the command

    def pages(scale):       # the app's daily pages, for the benchmark (bench/run.py)
        return [("label", "role", url), ...]     # role: a key of scale.people

    def exports(scale):     # the app's background exports, for the benchmark
        return [("label", "role", kind_name, queue_kwargs), ...]

discovered like demo data (``PortalApp.import_part("scale")``, ``INSTALLED_APPS`` order).
The same ``staff``, seed and ``end`` (the last day of data, default today) give the same
data, but for times counted back from now (who is inside a control room, when a loan was
decided).
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction

from onsite import dates
from onsite.choices import Role, VenueKind
from onsite.models import Assignment, Department, Site, StaffProfile, Venue
from onsite.plugins import portal_apps

SCALE_PASSWORD = "onsite-scale-2026"
DEPARTMENTS, SITES = 10, 5
SEED = 2026
BATCH = 2000
FAMILY = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂"
SITE_NAMES = ["市会议中心", "区政务服务中心", "市档案馆", "市民中心", "国际会展中心"]
# The people who are not (only) on-site staff: user name, family, given, roles.
OFFICE = [
    ("hr", "王", "芳", [Role.HR]),
    ("vp", "刘", "洋", [Role.VP]),
    ("custodian", "赵", "磊", [Role.STAFF, Role.CUSTODIAN]),
    ("manager", "陈", "静", [Role.STAFF, Role.VENUE_MANAGER]),
    ("leader", "孙", "丽", [Role.LEADER]),
    ("admin", "系统", "管理员", [Role.ADMIN]),
]
# Whom the benchmark signs in as: a staff member of department 0, its supervisor.
STAFF_N, SUPERVISOR_N = 40, 0


class NotEmpty(Exception):
    """The database already has people: seed_scale only fills an empty one."""


@dataclass
class Scale:
    """The frame the apps add their data into (see the module docstring)."""

    staff: int
    end: date
    rng: random.Random
    departments: list = field(default_factory=list)
    sites: list = field(default_factory=list)
    venues: dict = field(default_factory=dict)  # (site index, kind) -> Venue
    users: dict = field(default_factory=dict)  # staff number -> User
    people: dict = field(default_factory=dict)  # role key -> the User who signs in as it
    made: dict = field(default_factory=dict)  # app label -> {what: count}

    def department_of(self, n):
        return self.departments[n % DEPARTMENTS]

    def site_of(self, n):
        return self.sites[(n // DEPARTMENTS) % SITES]

    def supervisor_of(self, n):
        """Who supervises staff number n (HR if the company is too small to have them)."""
        return self.users.get(n % DEPARTMENTS) or self.people["hr"]

    def control_rooms(self):
        return [v for (_i, kind), v in sorted(self.venues.items()) if kind == "control_room"]

    def name(self, user):
        return f"{user.last_name}{user.first_name}"

    def measured_month(self):
        """(year, month) the benchmark measures: the last whole month before ``end``."""
        last = self.end.replace(day=1) - timedelta(days=1)
        return last.year, last.month


def is_empty():
    """No person in the database yet (a migrated, unused database)."""
    return not get_user_model().objects.exists()


def build(staff, *, end=None, seed=SEED, log=print):
    """Fill an empty database with a company of ``staff``; returns the Scale."""
    if not is_empty():
        raise NotEmpty("The database already has people: give seed_scale an empty one.")
    scale = Scale(staff=staff, end=end or dates.today(), rng=random.Random(seed))
    with transaction.atomic():
        _frame(scale)
        _people(scale)
    for app in portal_apps():
        module = app.import_part("scale") if app.name != "onsite" else None
        if module is None:
            continue
        with transaction.atomic():
            made = module.seed(scale) or {}
        scale.made[app.label] = made
        if made:
            log(f"  {app.label}: " + ", ".join(f"{n:,} {what}" for what, n in made.items()))
    return scale


def _frame(scale):
    scale.sites = Site.objects.bulk_create(
        Site(code=f"S{i}", name=name, address=f"人民路 {i + 1} 号")
        for i, name in enumerate(SITE_NAMES[:SITES])
    )
    scale.departments = Department.objects.bulk_create(
        Department(code=f"D{i:02d}", name=f"驻场技术{i + 1}部") for i in range(DEPARTMENTS)
    )
    venues = Venue.objects.bulk_create(
        Venue(site=site, name=f"{site.name}{label}", kind=kind)
        for site in scale.sites
        for kind, label in (
            (VenueKind.MEETING_ROOM, "第一会议室"),
            (VenueKind.CONTROL_ROOM, "音控机房"),
        )
    )
    scale.venues = {(i // 2, str(v.kind)): v for i, v in enumerate(venues)}


def _people(scale):
    User = get_user_model()
    password = make_password(SCALE_PASSWORD)  # hashed once for everyone
    groups = {g.name: g for g in Group.objects.all()}
    users = User.objects.bulk_create(
        [
            User(
                username=f"u{n:04d}",
                last_name=FAMILY[n % len(FAMILY)],
                first_name=GIVEN[(n // len(FAMILY)) % len(GIVEN)] + GIVEN[n % 7],
                email=f"u{n:04d}@onsite.example",
                password=password,
            )
            for n in range(scale.staff)
        ]
        + [
            User(
                username=username,
                last_name=family,
                first_name=given,
                email=f"{username}@onsite.example",
                password=password,
                is_staff=Role.ADMIN in roles,
                is_superuser=Role.ADMIN in roles,
            )
            for username, family, given, roles in OFFICE
        ],
        batch_size=BATCH,
    )
    scale.users = dict(enumerate(users[: scale.staff]))
    office = dict(zip((row[0] for row in OFFICE), users[scale.staff :], strict=True))
    numbered = [(n, u, scale.department_of(n)) for n, u in scale.users.items()]
    numbered += [
        (scale.staff + i, office[username], scale.departments[0])
        for i, (username, *_rest) in enumerate(OFFICE)
    ]
    StaffProfile.objects.bulk_create(
        (
            StaffProfile(user=u, employee_no=f"E{n:05d}", department=d, post="驻场工程师")
            for n, u, d in numbered
        ),
        batch_size=BATCH,
    )
    _roles(scale, groups, office)
    scale.people = dict(office)  # HR supervises when the company has no supervisors
    scale.people = {
        "staff": scale.users[min(STAFF_N, scale.staff - 1)],
        "supervisor": scale.supervisor_of(SUPERVISOR_N),
        **office,
    }


def _roles(scale, groups, office):
    User = get_user_model()
    Through = User.groups.through
    rows = [Through(user_id=u.pk, group_id=groups[Role.STAFF].pk) for u in scale.users.values()]
    for n in range(min(DEPARTMENTS, scale.staff)):
        rows.append(Through(user_id=scale.users[n].pk, group_id=groups[Role.SUPERVISOR].pk))
        scale.departments[n].supervisors.add(scale.users[n])
    for username, _family, _given, roles in OFFICE:
        rows += [Through(user_id=office[username].pk, group_id=groups[r].pk) for r in roles]
    Through.objects.bulk_create(rows, batch_size=BATCH)
    start = scale.end - timedelta(days=400)
    Assignment.objects.bulk_create(
        (
            Assignment(user=u, site=scale.site_of(n), start_date=start)
            for n, u in scale.users.items()
        ),
        batch_size=BATCH,
    )
    Assignment.objects.bulk_create(
        Assignment(user=office[name], site=scale.sites[0], start_date=start)
        for name in ("custodian", "manager")
    )
    for (_i, kind), venue in scale.venues.items():
        if kind == VenueKind.CONTROL_ROOM:
            venue.managers.add(office["manager"])
            venue.leaders.add(office["leader"])


def logins(scale):
    """(role, user name) of the people the benchmark signs in as."""
    return [(role, user.username) for role, user in scale.people.items()]


def app_parts(name):
    """[(app label, module)] of the apps whose ``scale`` module defines ``name``."""
    found = []
    for app in portal_apps():
        module = app.import_part("scale") if app.name != "onsite" else None
        if module is not None and hasattr(module, name):
            found.append((app.label, getattr(module, name)))
    return found


def attach(scale_end=None, staff=None):
    """The Scale of an already seeded database (for the benchmark's measuring process)."""
    User = get_user_model()
    numbered = User.objects.filter(username__regex=r"^u[0-9]{4}$").order_by("username")
    users = {int(u.username[1:]): u for u in numbered}
    scale = Scale(
        staff=staff or len(users), end=scale_end or dates.today(), rng=random.Random(SEED)
    )
    scale.users = users
    scale.departments = list(Department.objects.filter(code__startswith="D").order_by("code"))
    scale.sites = list(Site.objects.order_by("code"))
    for venue in Venue.objects.order_by("pk"):
        index = next(i for i, s in enumerate(scale.sites) if s.pk == venue.site_id)
        scale.venues[(index, str(venue.kind))] = venue
    office = {u.username: u for u in User.objects.filter(username__in=[r[0] for r in OFFICE])}
    scale.people = dict(office)
    scale.people = {
        "staff": users[min(STAFF_N, scale.staff - 1)],
        "supervisor": scale.supervisor_of(SUPERVISOR_N),
        **office,
    }
    return scale
