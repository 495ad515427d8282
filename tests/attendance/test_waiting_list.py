"""The home page's "Waiting for me": each role sees what awaits them across the portal, oldest
first, with how long it has waited and one click to where it is acted upon; each app's
providers ask one query each, whatever the number of items."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from archive.choices import LoanStatus
from attendance.choices import OvertimeKind, OvertimeStatus
from attendance.models import LeaveRequest, OvertimeRequest
from duties.choices import ReceiptStatus
from equipment.models import Fault
from meetingroom.choices import VisitStatus
from onsite.waiting import waiting_for
from tests.archive.factories import GrantFactory, ItemFactory, make_loan
from tests.attendance.conftest import leave_type
from tests.duties.factories import DocumentFactory, TaskFactory, make_receipt
from tests.equipment.factories import EquipmentFactory
from tests.meetingroom.factories import make_visit

NOW = datetime(2026, 12, 8, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))  # a Tuesday


@pytest.fixture(autouse=True)
def _tuesday(time_machine):
    time_machine.move_to(NOW, tick=False)


def leave_of(person, day, minutes_ago):
    leave = LeaveRequest.objects.create(
        user=person,
        leave_type=leave_type("ANNUAL"),
        start_date=day,
        end_date=day,
        days=1,
        reason="家事",
    )
    LeaveRequest.objects.filter(pk=leave.pk).update(created_at=NOW - timedelta(minutes=minutes_ago))
    return leave


@pytest.fixture
def portal(cast, schedule):
    """Something waiting for each role of the cast, in every app."""
    leave_of(cast.staff, date(2026, 12, 14), 5)
    ot = OvertimeRequest.objects.create(
        user=cast.staff,
        site=cast.site,
        date=date(2026, 12, 12),
        start_time=time(9),
        end_time=time(12),
        planned_minutes=180,
        kind=OvertimeKind.REST_DAY,
        reason="保障",
        status=OvertimeStatus.SUPERVISOR_APPROVED,
        supervisor_by=cast.supervisor,
        supervisor_at=NOW - timedelta(hours=3),
    )
    item = ItemFactory(collection=cast.collection, custodian=cast.custodian, copies=2)
    GrantFactory(user=cast.staff, collection=cast.collection)
    make_loan(item, cast.staff, LoanStatus.REQUESTED)
    make_loan(item, cast.staff, LoanStatus.APPROVED)
    make_visit(cast.venue, cast.manager, cast.manager, VisitStatus.FILED)
    Fault.objects.create(
        equipment=EquipmentFactory(site=cast.site, venue=cast.venue),
        title="投影机不亮",
        client_reported_at=NOW - timedelta(hours=2),
        reported_by=cast.manager,
    )
    make_receipt(DocumentFactory(sender=cast.hr), cast.vp, ReceiptStatus.SENT)
    TaskFactory(assignee=cast.outsider, assigned_by=cast.hr, title="更换话筒电池")
    return ot


# What each role finds (in part) on its list; the admin and the VP are checked below too.
EXPECTED = {
    "staff": ["您自 2026-12-14 起的请假申请", "在市会议中心签到", "投影机不亮"],
    "supervisor": ["张伟 自 2026-12-14 起的请假"],
    "hr": ["张伟 2026-12-12 的加班"],
    "leader": ["借阅", "王来访"],
    "custodian": ["借阅"],
    "manager": ["投影机不亮"],  # the visit they filed is the leader's to decide
    "vp": ["关于会议保障的通知"],
    "outsider": ["更换话筒电池"],
}


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_each_role_finds_what_waits_for_them_oldest_first(role, cast, portal, login):
    person = getattr(cast, role)
    with translation.override("zh-hans"):
        items = waiting_for(person, NOW)
    titles = [item.title for item in items]
    for wanted in EXPECTED[role]:
        assert any(wanted in title for title in titles), (wanted, titles)
    assert [item.moment for item in items] == sorted(item.moment for item in items)
    page = login(person).get(reverse("onsite:home")).content.decode()
    assert page.count('data-testid="waiting-item"') == len(items)
    for item in items:
        assert f'href="{item.url}" data-testid="waiting-action"' in page  # one click away
    assert "前" in page  # "5 分钟前", "3 小时前"


def test_the_supervisor_sees_the_age_of_the_request_and_the_admin_sees_no_one_elses(
    cast, portal, login
):
    page = login(cast.supervisor).get(reverse("onsite:home")).content.decode()
    assert "5 分钟前" in page and "0 分钟" not in page
    staff_items = waiting_for(cast.admin, NOW)
    assert not any("请假" in item.title for item in staff_items)


def test_a_person_with_nothing_waiting_is_told_so(cast, login):
    page = login(cast.vp).get(reverse("onsite:home")).content.decode()
    assert 'data-testid="waiting-item"' not in page and "没有等您处理的事项" in page


def test_the_list_asks_the_same_queries_for_one_item_as_for_many(cast, schedule, login):
    client = login(cast.supervisor)
    url = reverse("onsite:home")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    leave_of(cast.staff, date(2026, 12, 14), 5)
    one = queries()
    for n in range(6):
        leave_of(cast.staff, date(2026, 12, 15) + timedelta(days=n), 10 + n)
    assert queries() == one
    assert len(waiting_for(cast.supervisor, NOW)) == 7
