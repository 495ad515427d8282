"""The working environment: the daily pre-shift checklist (once a day per site, unticked
items explained), service visits closed with the environment restored, completion per day
for the supervisors."""

from datetime import date, datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from duties.choices import VisitStatus
from duties.models import ChecklistTemplate, DailyChecklist
from duties.services import checklists as service
from onsite.models import AuditEntry
from onsite.workflow import WorkflowError
from tests.duties.factories import VisitFactory
from tests.factories import AssignmentFactory, SiteFactory, UserFactory

WEDNESDAY = date(2026, 3, 4)
ITEMS = "清扫机房与操作台\n开启并检查扩声系统\n检查投影与显示屏\n确认无线话筒电量"


@pytest.fixture
def template(cast):
    return service.save_checklist_template(cast.hr, cast.site, ITEMS)


@pytest.mark.rule("R2.2-pre-shift-preparation", "R2.2-clean-before-work")
def test_staff_tick_their_sites_checklist_once_a_day(cast, template):
    checklist = service.submit_checklist(cast.staff, cast.site, ticked=[0, 1, 2, 3])
    assert checklist.all_ticked and checklist.items[0] == ["清扫机房与操作台", True]
    assert AuditEntry.objects.filter(action="duties.checklist.submit", actor=cast.staff).exists()
    with pytest.raises(WorkflowError):
        service.submit_checklist(cast.staff, cast.site, ticked=[0, 1, 2, 3])
    assert DailyChecklist.objects.count() == 1


@pytest.mark.rule("R2.2-pre-shift-preparation")
def test_an_item_left_unticked_needs_a_note(cast, template):
    with pytest.raises(WorkflowError):
        service.submit_checklist(cast.staff, cast.site, ticked=[0, 1])
    checklist = service.submit_checklist(
        cast.staff, cast.site, ticked=[0, 1], note="投影灯泡待更换，已报修"
    )
    assert not checklist.all_ticked and checklist.items[3] == ["确认无线话筒电量", False]


def test_only_staff_stationed_at_the_site_keep_its_checklist(cast, template):
    with pytest.raises(PermissionDenied):
        service.submit_checklist(cast.outsider, cast.site, ticked=[0, 1, 2, 3])
    with pytest.raises(PermissionDenied):
        service.save_checklist_template(cast.staff, cast.site, "自己定")
    with pytest.raises(PermissionDenied):
        service.save_checklist_template(cast.supervisor, SiteFactory(), "别处")


@pytest.mark.rule("R2.2-restore-client-environment")
def test_a_service_visit_is_closed_by_confirming_the_environment_restored(cast):
    visit = service.start_visit(
        cast.staff, cast.site, location="三楼第一会议室", purpose="调试投影"
    )
    assert visit.status == VisitStatus.OPEN
    with pytest.raises(PermissionDenied):
        service.restore_visit(cast.supervisor, visit)
    service.restore_visit(cast.staff, visit, comment="桌椅线缆复位")
    visit.refresh_from_db()
    assert visit.status == VisitStatus.RESTORED and visit.restored_by == cast.staff
    assert visit.restored_note == "桌椅线缆复位"
    assert AuditEntry.objects.filter(action="duties.visit.restore").exists()
    with pytest.raises(PermissionDenied):
        service.start_visit(cast.outsider, cast.site, location="x", purpose="y")


@pytest.mark.rule("R2.2-pre-shift-preparation", "R2.2-restore-client-environment")
def test_supervisors_see_completion_per_day(cast, template):
    done = UserFactory(roles=["staff"], department=cast.dept_a)
    AssignmentFactory(user=done, site=cast.site)
    DailyChecklist.objects.create(user=done, site=cast.site, date=WEDNESDAY, items=[["a", True]])
    visit = VisitFactory(user=done, site=cast.site)
    visit.started_at = timezone.make_aware(datetime(2026, 3, 4, 10, 0))
    visit.save()
    rows = {
        row.person: row for row in service.completion([cast.staff, done, cast.manager], WEDNESDAY)
    }
    assert rows[cast.staff].missing
    assert not rows[done].missing and rows[done].checklist is not None
    assert len(rows[done].open_visits) == 1
    assert not rows[cast.manager].expected  # not stationed anywhere
    saturday = service.completion([cast.staff], date(2026, 3, 7))
    assert not saturday[0].expected


def test_the_completion_page_and_ticking_on_the_page(cast, template, login):
    page = login(cast.supervisor).get(
        reverse("duties:checklist_overview"), {"date": WEDNESDAY.isoformat()}
    )
    assert page.status_code == 200 and page.context["missing"] == 1
    client = login(cast.staff)
    today = client.get(reverse("duties:checklist_today"))
    assert 'name="ticked"' in today.content.decode()
    response = client.post(
        reverse("duties:checklist_submit", args=[cast.site.pk]), {"ticked": ["0", "1", "2", "3"]}
    )
    assert response.status_code == 302
    assert DailyChecklist.objects.get(user=cast.staff).all_ticked
    assert (
        'data-testid="checklist-done"'
        in client.get(reverse("duties:checklist_today")).content.decode()
    )


def test_editing_a_sites_checklist_on_its_page(cast, login):
    url = reverse("duties:checklist_template_edit", args=[cast.site.pk])
    assert login(cast.staff).get(url).status_code == 403
    assert login(cast.supervisor).get(url).status_code == 200  # their staff are stationed there
    response = login(cast.hr).post(url, {"items": "清扫\n\n开机检查\n"})
    assert response.status_code == 302
    assert ChecklistTemplate.objects.get(site=cast.site).item_list() == ["清扫", "开机检查"]
