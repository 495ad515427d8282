"""Reminders of the duties app: each sent once per period, found in a number of queries that
does not grow with the items due; the deemed-acceptance sweep has its beat entry."""

from datetime import date, datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from duties import reminders
from duties.choices import ReceiptStatus, TaskStatus
from duties.models import ChecklistTemplate, DailyChecklist
from onsite import reminding
from onsite.models import Notification
from tests.duties.factories import (
    AuthorisationFactory,
    DocumentFactory,
    ReportFactory,
    TaskFactory,
    TrainingFactory,
    make_receipt,
)
from tests.factories import AssignmentFactory, UserFactory

WEDNESDAY = date(2026, 3, 4)


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _told(kind):
    return sorted(
        Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True)
    )


def _queries(find_due, now):
    with CaptureQueriesContext(connection) as captured:
        list(find_due(now))
    return len(captured)


def _more_staff(cast, n):
    people = [UserFactory(roles=["staff"], department=cast.dept_a) for _ in range(n)]
    for person in people:
        AssignmentFactory(user=person, site=cast.site)
    return people


@pytest.mark.rule("R2.3-work-reports")
def test_a_missing_report_is_reminded_after_the_set_time_once(cast):
    kind = "duties_report_missing"
    assert reminding.run_scan(kind, at(WEDNESDAY, 17, 59)) == 0
    assert reminding.run_scan(kind, at(WEDNESDAY, 18, 0)) == 1
    assert reminding.run_scan(kind, at(WEDNESDAY, 18, 15)) == 0
    assert _told(kind) == ["staff"]
    reported = _more_staff(cast, 1)[0]
    ReportFactory(author=reported, period_start=WEDNESDAY)
    assert reminding.run_scan(kind, at(WEDNESDAY, 18, 30)) == 0
    assert reminding.run_scan(kind, at(date(2026, 3, 7), 19, 0)) == 0  # Saturday


def test_finding_missing_reports_costs_the_same_queries_for_more_staff(cast):
    now = at(WEDNESDAY, 18, 30)
    few = _queries(reminders.reports_missing, now)
    _more_staff(cast, 12)
    assert _queries(reminders.reports_missing, now) == few


@pytest.mark.rule("R2.2-pre-shift-preparation")
def test_a_missing_checklist_is_reminded_after_the_set_time_once(cast):
    kind = "duties_checklist_missing"
    ChecklistTemplate.objects.create(site=cast.site, items="清扫\n开机", updated_by=cast.hr)
    done = _more_staff(cast, 1)[0]
    DailyChecklist.objects.create(user=done, site=cast.site, date=WEDNESDAY, items=[["清扫", True]])
    assert reminding.run_scan(kind, at(WEDNESDAY, 9, 0)) == 0
    assert reminding.run_scan(kind, at(WEDNESDAY, 9, 45)) == 1
    assert reminding.run_scan(kind, at(WEDNESDAY, 10, 0)) == 0
    assert _told(kind) == ["staff"]
    few = _queries(reminders.checklists_missing, at(WEDNESDAY, 10, 0))
    _more_staff(cast, 10)
    assert _queries(reminders.checklists_missing, at(WEDNESDAY, 10, 0)) == few


@pytest.mark.rule("R2.1-supervisor-tasks")
def test_an_overdue_task_reminds_both_sides_once_a_week(cast):
    kind = "duties_task_overdue"
    today = WEDNESDAY
    TaskFactory(
        assignee=cast.staff, assigned_by=cast.supervisor, due_date=today - timedelta(days=1)
    )
    TaskFactory(
        assignee=cast.staff,
        assigned_by=cast.supervisor,
        due_date=today - timedelta(days=1),
        status=TaskStatus.DONE,
    )
    TaskFactory(assignee=cast.staff, assigned_by=cast.supervisor, due_date=today)
    assert reminding.run_scan(kind, at(today, 9)) == 1
    assert reminding.run_scan(kind, at(today, 15)) == 0
    assert reminding.run_scan(kind, at(today + timedelta(days=3), 9)) == 1  # the other is late now
    assert reminding.run_scan(kind, at(today + timedelta(days=5), 9)) == 0
    assert reminding.run_scan(kind, at(today + timedelta(days=7), 9)) == 1  # a week later again
    assert _told(kind).count("staff") == 3 and _told(kind).count("supervisor") == 3
    few = _queries(reminders.tasks_overdue, at(today, 9))
    for _ in range(6):
        TaskFactory(assignee=cast.staff, assigned_by=cast.supervisor, due_date=today - timedelta(2))
    assert _queries(reminders.tasks_overdue, at(today, 9)) == few


@pytest.mark.rule("R2.3-answer-documents")
def test_a_document_deadline_near_reminds_the_silent_recipients_once_a_revision(cast):
    kind = "duties_document_deadline"
    now = timezone.now()
    document = DocumentFactory(sender=cast.hr, deadline=now + timedelta(hours=30))
    silent = make_receipt(document, cast.staff)
    make_receipt(document, cast.supervisor, ReceiptStatus.ACCEPTED)
    assert reminding.run_scan(kind, now) == 0  # more than a day ahead
    assert reminding.run_scan(kind, now + timedelta(hours=7)) == 1
    assert reminding.run_scan(kind, now + timedelta(hours=8)) == 0
    silent.revision = 2
    silent.save()
    assert reminding.run_scan(kind, now + timedelta(hours=9)) == 1  # revised: asked again
    assert _told(kind) == ["staff", "staff"]
    few = _queries(reminders.documents_due, now + timedelta(hours=9))
    for person in _more_staff(cast, 6):
        make_receipt(document, person)
    assert _queries(reminders.documents_due, now + timedelta(hours=9)) == few


@pytest.mark.rule("R2.3-written-authorisation")
def test_an_expiring_authorisation_reminds_the_holder_and_the_issuer_at_each_notice(cast):
    kind = "duties_authorisation_expiring"
    AuthorisationFactory(
        holder=cast.staff,
        issued_by=cast.supervisor,
        valid_from=WEDNESDAY - timedelta(days=30),
        valid_to=WEDNESDAY + timedelta(days=20),
    )
    assert reminding.run_scan(kind, at(WEDNESDAY, 9)) == 0
    assert reminding.run_scan(kind, at(WEDNESDAY + timedelta(days=6), 9)) == 1  # 14 days left
    assert reminding.run_scan(kind, at(WEDNESDAY + timedelta(days=10), 9)) == 0
    assert reminding.run_scan(kind, at(WEDNESDAY + timedelta(days=19), 9)) == 1  # 1 day left
    assert _told(kind) == ["staff", "staff", "supervisor", "supervisor"]


@pytest.mark.rule("R2.1-training")
def test_an_upcoming_training_reminds_its_attendees_once(cast):
    kind = "duties_training_upcoming"
    now = timezone.now()
    TrainingFactory(
        organiser=cast.hr, attendees=[cast.staff, cast.manager], starts_at=now + timedelta(days=3)
    )
    assert reminding.run_scan(kind, now) == 0
    assert reminding.run_scan(kind, now + timedelta(days=1, hours=1)) == 1
    assert reminding.run_scan(kind, now + timedelta(days=2)) == 0
    assert _told(kind) == ["manager", "staff"]


def test_the_deemed_acceptance_sweep_has_its_beat_entry():
    from duties import tasks
    from onsite.celery import app

    app.loader.import_default_modules()
    app.finalize()
    entry = app.conf.beat_schedule[tasks.deem_silent_receipts.name]
    assert entry["task"] == "duties.deem_silent_receipts"
    assert entry["task"] in app.tasks


def test_the_sweep_task_deems_what_is_due(cast):
    from duties import tasks

    document = DocumentFactory(sender=cast.hr, deadline=timezone.now() - timedelta(minutes=1))
    make_receipt(document, cast.staff)
    assert tasks.deem_silent_receipts() == 1
