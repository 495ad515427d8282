"""The approval queue works out who decides once per department and writes its rows in
Python: it answers and shows exactly what the per-row rule and the row template did."""

import re
from datetime import date, time
from decimal import Decimal
from pathlib import Path

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.http import QueryDict
from django.template import Context, Template
from django.utils import timezone, translation

from attendance import deciders
from attendance.approvals import _FIELDS, sections_for
from attendance.choices import (
    REQUEST_FLOWS,
    CorrectionStatus,
    OvertimeKind,
    OvertimeStatus,
    PunchKind,
)
from attendance.deciders import HR, Routes
from attendance.models import Delegation, LeaveRequest, OvertimeRequest, PunchCorrection
from attendance.views.queue_rows import queue_cells
from onsite.choices import Role
from onsite.names import display_name
from onsite.permissions import has_role, visible
from tests.attendance.conftest import leave_type
from tests.factories import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db

DAY = date(2026, 12, 9)


def decides_per_row(user, request):
    """The rule as it was asked for each row: the route worked out afresh every time."""
    if request.user_id == user.pk:
        return False
    profile = getattr(request.user, "profile", None)
    hr = {user.pk} if has_role(user, Role.HR) else set()
    route = Routes(DAY).route(request.user_id, profile.department_id if profile else None, hr)
    if route.how == HR:
        return bool(hr)
    return user.pk in route.decider_ids


@pytest.fixture
def organisation(cast):
    """Department A (its supervisor away, the custodian their deputy; a second supervisor),
    C under A without a supervisor of its own, B without any (HR decides), and D with a
    supervisor whose own request has nowhere to go but HR."""
    second = UserFactory(username="second", roles=[Role.SUPERVISOR], department=cast.dept_a)
    cast.dept_a.supervisors.add(second)
    Delegation.objects.create(
        supervisor=cast.supervisor,
        deputy=cast.custodian,
        start_date=date(2026, 12, 8),
        end_date=date(2026, 12, 10),
    )
    dept_c = DepartmentFactory(code="C", name="C 部", parent=cast.dept_a)
    dept_d = DepartmentFactory(code="D", name="D 部")
    lone = UserFactory(username="lone", roles=[Role.SUPERVISOR], department=dept_d)
    dept_d.supervisors.add(lone)
    extra = [
        UserFactory(username="c1", roles=[Role.STAFF], department=dept_c),
        UserFactory(username="d1", roles=[Role.STAFF], department=dept_d),
        get_user_model().objects.create(username="nobody"),  # no profile
    ]
    return [second, lone, *extra]


def test_the_route_remembered_per_department_decides_every_request_as_the_per_row_rule(
    cast, organisation
):
    people = [*cast.__dict__.values(), *organisation]
    people = [p for p in people if isinstance(p, get_user_model())]
    applicants = [OvertimeRequest(user=person) for person in people]
    with time_machine.travel("2026-12-09 09:00 +0800", tick=False):
        for person in people:
            asker = get_user_model().objects.get(pk=person.pk)  # one memo for all the rows
            for request in applicants:
                expected = decides_per_row(asker, request)
                assert deciders.decides(asker, request) == expected, (asker, request.user)
            fresh = Routes(DAY)
            assert deciders.decided_department_ids(asker) == {
                d for d in fresh.parents if asker.pk in fresh.route(None, d).decider_ids
            }
    assert any(decides_per_row(cast.custodian, r) for r in applicants)  # the deputy
    assert decides_per_row(cast.hr, OvertimeRequest(user=cast.outsider))  # nobody else
    assert decides_per_row(cast.hr, OvertimeRequest(user=organisation[1]))  # the lone one


def test_the_queue_lists_the_rows_any_of_its_transitions_allows_for_every_person(
    cast, organisation
):
    people = [p for p in [*cast.__dict__.values(), *organisation] if hasattr(p, "groups")]
    for person in people:
        waiting_overtime(cast, person)
    with time_machine.travel("2026-12-09 09:00 +0800", tick=False):
        now = timezone.now()
        for person in people:
            asker = get_user_model().objects.get(pk=person.pk)
            for section in sections_for(asker, QueryDict(), now):
                flow = REQUEST_FLOWS[section.what]
                names = [name for name, _label in section.actions]
                expected = [
                    row.pk
                    for row in section.page.object_list
                    if any(flow.allows(asker, row, name, now) for name in names)
                ]
                assert [row.pk for row in section.rows] == expected, (person, section.what)


def waiting_overtime(cast, user):
    for status in (OvertimeStatus.SUBMITTED, OvertimeStatus.SUPERVISOR_APPROVED):
        OvertimeRequest.objects.create(
            user=user,
            site=cast.site,
            date=date(2026, 12, 5),
            start_time=time(9),
            end_time=time(12),
            planned_minutes=180,
            kind=OvertimeKind.REST_DAY,
            reason="保障",
            status=status,
        )


def test_the_departments_left_to_hr_read_from_the_routes_are_those_read_on_their_own(
    cast, organisation
):
    DepartmentFactory(code="E", name="E 部")  # nobody decides, but nobody works there
    flagged = deciders.undecided_departments()
    assert [d.name for d in flagged] == [cast.dept_b.name]
    assert deciders.undecided_departments(Routes(DAY)) == flagged
    cast.dept_b.supervisors.add(organisation[1])
    assert deciders.undecided_departments(Routes(DAY)) == [] == deciders.undecided_departments()


# The rows as queue.html wrote them before they were written in Python (queue_rows/*.html).
ROWS = Path(__file__).parent / "queue_rows"
NAME = {"overtime": "ot", "leave": "leave", "correction": "fix"}
MODEL = {"overtime": OvertimeRequest, "leave": LeaveRequest, "correction": PunchCorrection}
TRICKY = "<b>“会议” & 'x'</b> " + "很长的理由" * 20  # escaped, and cut at 60 characters


def waiting(cast):
    nobody = get_user_model().objects.create(username="nobody", first_name="<i>无</i>")
    for user, late in ((cast.staff, True), (nobody, False)):
        OvertimeRequest.objects.create(
            user=user,
            site=cast.site,
            date=date(2026, 12, 5),
            start_time=time(18, 30),
            end_time=time(21),
            planned_minutes=150,
            kind=OvertimeKind.REST_DAY,
            reason=TRICKY,
            submitted_late=late,
            late_reason="忘了 <script>" * 5 if late else "",
            status=OvertimeStatus.SUBMITTED,
        )
        LeaveRequest.objects.create(
            user=user,
            leave_type=leave_type("SICK"),
            start_date=date(2026, 12, 10),
            start_half="pm",
            end_date=date(2026, 12, 11),
            end_half="am",
            days=Decimal("1.0"),
            reason=TRICKY,
        )
        PunchCorrection.objects.create(
            user=user,
            date=date(2026, 12, 4),
            kind=PunchKind.CHECK_OUT,
            time=time(18, 5),
            reason="e\u0301" * 70,  # combining accents: normalised, then cut
            status=CorrectionStatus.SUBMITTED,
        )


def tight(html):
    return re.sub(r">\s+<", "><", str(html)).strip()


@pytest.mark.parametrize("role", ["supervisor", "hr"])
def test_each_queue_row_shows_what_the_row_template_showed(cast, role):
    waiting(cast)
    now = timezone.now()
    with translation.override("zh-hans"), time_machine.travel(now, tick=False):
        sections = queue_cells(sections_for(getattr(cast, role), QueryDict(), now), now)
        shown = [(s.what, row) for s in sections for row in s.rows]
        assert {what for what, _row in shown} == set(NAME) and len(shown) >= 3
        for what, row in shown:
            full = MODEL[what].objects.get(pk=row.pk)
            template = Template("{% load i18n onsite_tags %}" + (ROWS / f"{what}.html").read_text())
            assert tight(row.cells) == tight(template.render(Context({NAME[what]: full})))


ORDER = {"overtime": "date", "leave": "start_date", "correction": "date"}
RELATED = {"overtime": ["site"], "leave": ["leave_type"], "correction": []}


def test_the_queue_reads_the_requests_the_orm_reads_for_every_person(
    cast, organisation, django_assert_num_queries
):
    people = [p for p in [*cast.__dict__.values(), *organisation] if hasattr(p, "groups")]
    for n, person in enumerate(people):
        waiting_overtime(cast, person)
        LeaveRequest.objects.create(
            user=person,
            leave_type=leave_type("SICK"),
            start_date=date(2026, 12, 10 + n % 3),
            end_date=date(2026, 12, 11 + n % 3),
            days=Decimal("2.0"),
            reason=TRICKY,
        )
        PunchCorrection.objects.create(
            user=person, date=date(2026, 12, 4), kind=PunchKind.CHECK_IN, time=time(9), reason="e"
        )
    shown = 0
    with time_machine.travel("2026-12-09 09:00 +0800", tick=False):
        now = timezone.now()
        for person in people:
            asker = get_user_model().objects.get(pk=person.pk)
            for section in sections_for(asker, QueryDict(), now):
                flow = REQUEST_FLOWS[section.what]
                orm = list(
                    visible(
                        asker, flow.model.objects.filter(**{flow.field: section.page[0].status})
                    )
                    .select_related("user__profile__department", *RELATED[section.what])
                    .order_by(ORDER[section.what], "id")
                    if section.page.object_list
                    else []
                )
                assert section.page.paginator.count == len(orm), (person, section.what)
                read = section.page.object_list
                assert [r.pk for r in read] == [r.pk for r in orm[: len(read)]]
                for mine, theirs in zip(read, orm, strict=False):
                    with django_assert_num_queries(0):
                        applicant = (mine.user.pk, display_name(mine.user))
                        profile = getattr(mine.user, "profile", None)
                        department = profile.department_id if profile else None
                        row = [getattr(mine, f) for f in _FIELDS[section.what]]
                    theirs_profile = getattr(theirs.user, "profile", None)
                    assert applicant == (theirs.user.pk, display_name(theirs.user))
                    assert department == (theirs_profile.department_id if theirs_profile else None)
                    assert row == [getattr(theirs, f) for f in _FIELDS[section.what]]
                    assert mine.created_at == theirs.created_at and mine.status == theirs.status
                    assert mine.department_name == (
                        theirs_profile.department.name if theirs_profile else None
                    )
                    if section.what == "overtime":
                        assert mine.site_name == theirs.site.name
                    if section.what == "leave":
                        assert mine.leave_type_name == theirs.leave_type.name
                    names = [name for name, _label in section.actions]
                    assert any(flow.allows(asker, mine, n, now) for n in names) == any(
                        flow.allows(asker, theirs, n, now) for n in names
                    )
                    shown += 1
    assert shown > 40
