"""Assigned tasks: assigned by the supervisor of the assignee, accepted, progress reported,
completed with a result; overdue derived from the due date."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from duties.choices import TaskStatus
from duties.services import tasks as service
from onsite.models import AuditEntry, Notification
from onsite.workflow import WorkflowError
from tests.duties.factories import TaskFactory

pytestmark = pytest.mark.rule("R2.1-supervisor-tasks")


def _assign(cast, **kwargs):
    fields = {"title": "检查三楼会议室投影", "due_date": timezone.localdate() + timedelta(days=2)}
    fields.update(kwargs)
    return service.assign_task(cast.supervisor, cast.staff, **fields)


def test_the_full_lifecycle_is_audited_and_each_side_told(cast):
    task = _assign(cast, detail="投影偏色，需校准", site=cast.site, priority="high")
    assert task.status == TaskStatus.ASSIGNED
    assert Notification.objects.filter(recipient=cast.staff).count() == 1
    service.accept_task(cast.staff, task)
    service.report_task_progress(cast.staff, task, progress=60, comment="已校准色温")
    task.refresh_from_db()
    assert task.status == TaskStatus.IN_PROGRESS and task.progress == 60
    assert task.progress_note == "已校准色温"
    service.complete_task(cast.staff, task, comment="投影恢复正常，已请会务处确认")
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE and task.progress == 100
    assert task.result.startswith("投影恢复正常") and task.completed_by == cast.staff
    actions = list(
        AuditEntry.objects.filter(object_id=str(task.pk), action__startswith="duties.task")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "duties.task.assign",
        "duties.task.accept",
        "duties.task.progress",
        "duties.task.complete",
    ]
    assert Notification.objects.filter(recipient=cast.supervisor).count() == 3


def test_only_the_supervisor_of_the_assignee_assigns(cast):
    for person in (cast.staff, cast.hr, cast.vp):
        with pytest.raises(PermissionDenied):
            service.assign_task(
                person, cast.staff, title="x", due_date=timezone.localdate() + timedelta(days=1)
            )
    with pytest.raises(PermissionDenied):
        service.assign_task(
            cast.supervisor,
            cast.outsider,
            title="别的部门",
            due_date=timezone.localdate() + timedelta(days=1),
        )


def test_only_the_assignee_accepts_reports_and_completes(cast):
    task = _assign(cast)
    for person in (cast.supervisor, cast.manager, cast.outsider):
        with pytest.raises(PermissionDenied):
            service.accept_task(person, task)
    service.accept_task(cast.staff, task)
    with pytest.raises(PermissionDenied):
        service.complete_task(cast.supervisor, task, comment="替他完成")


def test_completing_needs_a_result_and_a_closed_task_stays_closed(cast):
    task = _assign(cast)
    service.accept_task(cast.staff, task)
    with pytest.raises(WorkflowError):
        service.complete_task(cast.staff, task, comment="")
    service.complete_task(cast.staff, task, comment="完成")
    with pytest.raises(WorkflowError):
        service.report_task_progress(cast.staff, task, progress=10, comment="再做一次")


def test_the_assigner_cancels_an_open_task_with_a_reason(cast):
    task = _assign(cast)
    with pytest.raises(WorkflowError):
        service.cancel_task(cast.supervisor, task, comment="")
    with pytest.raises(PermissionDenied):
        service.cancel_task(cast.staff, task, comment="不想做")
    service.cancel_task(cast.supervisor, task, comment="甲方取消了会议")
    task.refresh_from_db()
    assert task.status == TaskStatus.CANCELLED
    assert Notification.objects.filter(recipient=cast.staff, body="甲方取消了会议").exists()


def test_a_task_past_its_due_date_is_overdue_until_done(cast, login):
    today = timezone.localdate()
    late = TaskFactory(
        assignee=cast.staff, assigned_by=cast.supervisor, due_date=today - timedelta(days=1)
    )
    done = TaskFactory(
        assignee=cast.staff,
        assigned_by=cast.supervisor,
        due_date=today - timedelta(days=1),
        status=TaskStatus.DONE,
    )
    due_today = TaskFactory(assignee=cast.staff, assigned_by=cast.supervisor, due_date=today)
    assert late.is_overdue(today) and not done.is_overdue(today) and not due_today.is_overdue(today)
    page = login(cast.staff).get(reverse("duties:task_detail", args=[late.pk]))
    assert 'data-testid="overdue"' in page.content.decode()
    listing = login(cast.staff).get(reverse("duties:task_list"))
    assert listing.content.decode().count('data-testid="overdue"') == 1


def test_progress_is_reported_on_its_page(cast, login):
    task = TaskFactory(assignee=cast.staff, assigned_by=cast.supervisor, status=TaskStatus.ACCEPTED)
    client = login(cast.staff)
    url = reverse("duties:task_action", args=[task.pk, "progress"])
    assert client.post(url, {"progress": "140", "comment": "超额"}).status_code == 400
    assert client.post(url, {"progress": "40", "comment": "布线完成"}).status_code == 302
    task.refresh_from_db()
    assert task.status == TaskStatus.IN_PROGRESS and task.progress == 40


def test_tasks_are_seen_by_the_assignee_the_assigner_and_the_supervisors(cast, login):
    task = TaskFactory(assignee=cast.staff, assigned_by=cast.supervisor)
    url = reverse("duties:task_detail", args=[task.pk])
    for person, status in [
        (cast.staff, 200),
        (cast.supervisor, 200),
        (cast.hr, 404),
        (cast.outsider, 404),
        (cast.manager, 404),
    ]:
        assert login(person).get(url).status_code == status


def test_a_comment_with_a_percent_sign_is_passed_on_as_written(cast):
    task = TaskFactory(assignee=cast.staff, assigned_by=cast.supervisor, status=TaskStatus.ACCEPTED)
    service.report_task_progress(cast.staff, task, progress=80, comment="布线完成80%，余下明天")
    note = Notification.objects.filter(recipient=cast.supervisor).latest("pk")
    assert note.body == "布线完成80%，余下明天"
