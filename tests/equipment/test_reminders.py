"""Reminders of due and overdue inspections and of faults past their targets: each exactly
once per period, in a fixed number of queries, mutable by e-mail kind, caught up after an
outage of the broker."""

from datetime import date

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from equipment import reminders, services
from equipment.models import ServiceTarget
from onsite import notifications
from onsite.choices import EmailState
from onsite.models import Notification, SentReminder
from onsite.reminding import run_scan
from onsite.tasks import relay_outbox
from tests.equipment.factories import EquipmentFactory, make_plan
from tests.equipment.helpers import at

DUE, OVERDUE, FAULT = (
    "equipment_inspection_due",
    "equipment_inspection_overdue",
    "equipment_fault_open",
)


def titles(user):
    return list(
        Notification.objects.filter(recipient=user).order_by("pk").values_list("title", flat=True)
    )


@pytest.mark.rule("R2.4-venue-inspection")
def test_lead_time_due_day_and_overdue_each_remind_once(cast, eq):
    # Due 1 December, three days' lead: nothing on 27 November.
    assert run_scan(DUE, at(date(2026, 11, 27))) == 0
    # 28 November: the lead time starts: the plan's person and the venue's manager.
    assert run_scan(DUE, at(date(2026, 11, 28))) == 1
    assert run_scan(DUE, at(date(2026, 11, 28), 18)) == 0
    assert run_scan(DUE, at(date(2026, 11, 30))) == 0
    assert len(titles(cast.staff)) == 1 and len(titles(cast.manager)) == 1
    assert titles(cast.supervisor) == []
    # On the day: once more.
    assert run_scan(DUE, at(date(2026, 12, 1), 8)) == 1
    assert run_scan(DUE, at(date(2026, 12, 1), 9)) == 0
    # A day late: escalated to the supervisor of the site, once.
    assert run_scan(OVERDUE, at(date(2026, 12, 1), 20)) == 0
    assert run_scan(OVERDUE, at(date(2026, 12, 2))) == 1
    assert run_scan(OVERDUE, at(date(2026, 12, 5))) == 0
    assert run_scan(DUE, at(date(2026, 12, 5))) == 0
    assert len(titles(cast.supervisor)) == 1
    assert SentReminder.objects.filter(kind__startswith="equipment_").count() == 3


def test_a_recorded_inspection_stops_its_reminders(cast, eq):
    from tests.equipment.helpers import lines_for

    inspection = eq.plan.inspections.get()
    services.record_inspection(
        cast.staff, inspection, lines=lines_for(inspection), now=at(date(2026, 11, 30))
    )
    assert run_scan(DUE, at(date(2026, 12, 1))) == 0
    assert run_scan(OVERDUE, at(date(2026, 12, 3))) == 0


def test_without_a_person_the_staff_at_the_site_are_reminded(cast, eq):
    make_plan(cast.admin, [eq.mixer], title="调音台检查", starts_on=date(2026, 12, 3))
    assert run_scan(DUE, at(date(2026, 12, 3))) >= 1
    assert any("调音台检查" in t for t in titles(cast.staff))


def test_the_scan_reads_a_fixed_number_of_queries_whatever_is_due(cast):
    def queries(count):
        for n in range(count):
            device = EquipmentFactory(site=cast.site, venue=cast.venue, serial=f"Q{count}-{n}")
            make_plan(cast.admin, [device], starts_on=date(2026, 12, 10), assignee=None)
        with CaptureQueriesContext(connection) as ctx:
            found = list(reminders.inspections_due(at(date(2026, 12, 10))))
            late = list(reminders.inspections_overdue(at(date(2026, 12, 20))))
        return len(ctx.captured_queries), len(found), len(late)

    few = queries(2)
    many = queries(12)
    assert few[1:] == (2, 2) and many[1:] == (14, 14)
    assert few[0] == many[0]


@pytest.mark.rule("R1-fault-immediate-follow-up")
def test_an_open_fault_past_the_sites_response_target_escalates_once(cast, eq):
    ServiceTarget.objects.create(site=cast.site, response_minutes=30, fix_hours=4)
    reported = at(date(2026, 12, 3), 10, 0)
    fault = services.report_fault(
        cast.staff, eq.mixer, title="无声音", client_reported_at=reported, now=reported
    )
    before = len(titles(cast.supervisor))
    assert run_scan(FAULT, at(date(2026, 12, 3), 10, 20)) == 0
    assert run_scan(FAULT, at(date(2026, 12, 3), 10, 31)) == 1
    assert run_scan(FAULT, at(date(2026, 12, 3), 11, 0)) == 0
    assert len(titles(cast.supervisor)) == before + 1
    # Responded but not fixed within four hours: escalated again, once.
    services.respond_to_fault(cast.staff, fault, now=at(date(2026, 12, 3), 10, 40))
    assert run_scan(FAULT, at(date(2026, 12, 3), 13, 0)) == 0
    assert run_scan(FAULT, at(date(2026, 12, 3), 14, 1)) == 1
    assert run_scan(FAULT, at(date(2026, 12, 3), 15, 0)) == 0


def test_a_muted_kind_sends_no_email_but_shows_in_the_app(cast, eq, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    notifications.set_muted(cast.staff, DUE, True)
    assert run_scan(DUE, at(date(2026, 11, 28))) == 1
    staff_note = Notification.objects.get(recipient=cast.staff, kind=DUE)
    manager_note = Notification.objects.get(recipient=cast.manager, kind=DUE)
    assert staff_note.email_state == EmailState.SKIPPED
    assert manager_note.email_state == EmailState.PENDING
    relay_outbox()
    assert [m.to for m in mail.outbox] == [[cast.manager.email]]


def test_after_a_broker_outage_the_scan_catches_up_and_each_mail_goes_once(
    cast, eq, settings, monkeypatch
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    monkeypatch.setattr("onsite.queueing.enqueue", lambda task, *args: False)  # broker down
    # Beat did not run for days: the first scan after the outage sends what is owed now.
    assert run_scan(DUE, at(date(2026, 12, 1))) == 1
    assert run_scan(OVERDUE, at(date(2026, 12, 4))) == 1
    pending = Notification.objects.filter(email_state=EmailState.PENDING).count()
    assert pending >= 3 and mail.outbox == []
    # The broker is back: the outbox sweep (beat) e-mails each once, even run twice.
    relay_outbox()
    relay_outbox()
    assert len(mail.outbox) == pending
    assert not Notification.objects.filter(email_state=EmailState.PENDING).exists()
