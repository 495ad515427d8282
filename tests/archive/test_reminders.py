"""Loan reminders: a courtesy notice, then three escalating overdue notices, each once;
audit-due reminders by the collection's interval."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from archive import services
from archive.choices import LoanStatus
from archive.reminders import overdue_level
from onsite.models import Notification, SentReminder
from onsite.reminding import run_scan
from tests.archive.factories import make_loan

pytestmark = pytest.mark.django_db

TZ = ZoneInfo("Asia/Shanghai")
RETURN_BY = date(2026, 12, 10)


def _at(day, hour=9):
    return datetime(day.year, day.month, day.day, hour, tzinfo=TZ)


def _recipients(title_part=""):
    return sorted(
        Notification.objects.filter(title__contains=title_part).values_list(
            "recipient__username", flat=True
        )
    )


@pytest.fixture
def out_loan(cast, arc):
    return make_loan(arc.secret, cast.staff, LoanStatus.HANDED_OVER, return_by=RETURN_BY)


def test_overdue_levels_follow_the_configured_delays():
    assert [overdue_level(d, (1, 4, 8)) for d in (0, 1, 3, 4, 7, 8, 30)] == [0, 1, 1, 2, 2, 3, 3]


@pytest.mark.rule("R2.4-timely-return")
def test_courtesy_notice_before_the_due_date_is_sent_once(cast, out_loan):
    assert run_scan("archive_loan_due", _at(RETURN_BY - timedelta(days=5))) == 0
    assert run_scan("archive_loan_due", _at(RETURN_BY - timedelta(days=2))) == 1
    assert run_scan("archive_loan_due", _at(RETURN_BY - timedelta(days=1))) == 0
    assert run_scan("archive_loan_due", _at(RETURN_BY)) == 0
    assert _recipients() == ["staff"]
    assert SentReminder.objects.get().period == "courtesy"


@pytest.mark.rule("R2.4-timely-return")
def test_overdue_notices_escalate_once_each(cast, out_loan):
    sent = {}
    for days_late in range(0, 12):
        day = RETURN_BY + timedelta(days=days_late)
        sent[days_late] = run_scan("archive_loan_due", _at(day)) + run_scan(
            "archive_loan_due", _at(day, 15)
        )
    assert [d for d, n in sent.items() if n] == [0, 1, 4, 8]  # courtesy on the day, then 1-2-3
    periods = sorted(SentReminder.objects.values_list("period", flat=True))
    assert periods == ["courtesy", "overdue-1", "overdue-2", "overdue-3"]


@pytest.mark.rule("R2.4-timely-return")
def test_escalation_reaches_custodians_then_the_supervisor(cast, out_loan):
    run_scan("archive_loan_due", _at(RETURN_BY + timedelta(days=1)))
    first = set(Notification.objects.values_list("recipient__username", flat=True))
    assert first == {"staff"}
    Notification.objects.all().delete()
    run_scan("archive_loan_due", _at(RETURN_BY + timedelta(days=4)))
    assert set(Notification.objects.values_list("recipient__username", flat=True)) == {
        "staff",
        "custodian",
    }
    Notification.objects.all().delete()
    run_scan("archive_loan_due", _at(RETURN_BY + timedelta(days=8)))
    assert set(Notification.objects.values_list("recipient__username", flat=True)) == {
        "staff",
        "custodian",
        "supervisor",
    }


def test_a_late_first_scan_sends_only_the_highest_level(cast, out_loan):
    assert run_scan("archive_loan_due", _at(RETURN_BY + timedelta(days=20))) == 1
    assert list(SentReminder.objects.values_list("period", flat=True)) == ["overdue-3"]


def test_delays_are_configurable(cast, out_loan, settings):
    settings.ARCHIVE_LOAN_OVERDUE_DAYS = (3, 6, 9)
    assert run_scan("archive_loan_due", _at(RETURN_BY + timedelta(days=2))) == 0
    assert run_scan("archive_loan_due", _at(RETURN_BY + timedelta(days=3))) == 1


def test_returned_loans_get_no_reminder(cast, arc, out_loan):
    out_loan.status = LoanStatus.RETURNED
    out_loan.save()
    assert run_scan("archive_loan_due", _at(RETURN_BY + timedelta(days=9))) == 0


@pytest.mark.rule("R2.4-periodic-archive-audit")
def test_audit_due_reminder_follows_the_collection_interval(cast, arc, time_machine):
    start = _at(date(2026, 1, 5))
    time_machine.move_to(start)
    audit = services.start_audit(cast.custodian, cast.collection)
    for line in audit.lines.all():
        services.mark_audit_line(cast.custodian, line, "found")
    services.complete_audit(cast.custodian, audit)
    cast.collection.audit_interval_days = 30
    cast.collection.save()
    due = date(2026, 2, 4)
    assert run_scan("archive_audit_due", _at(due - timedelta(days=8))) == 0
    assert run_scan("archive_audit_due", _at(due - timedelta(days=7))) == 1
    assert run_scan("archive_audit_due", _at(due - timedelta(days=3))) == 0  # once ahead
    assert run_scan("archive_audit_due", _at(due)) == 1
    assert run_scan("archive_audit_due", _at(due, 18)) == 0  # once a day
    assert run_scan("archive_audit_due", _at(due + timedelta(days=1))) == 1
    assert set(Notification.objects.values_list("recipient__username", flat=True)) == {"custodian"}


@pytest.mark.rule("R2.4-periodic-archive-audit")
def test_never_audited_collection_is_due_now(cast, arc):
    assert run_scan("archive_audit_due", timezone.now()) == 1
    assert run_scan("archive_audit_due", timezone.now()) == 0


def test_a_medium_may_need_audits_more_often(cast, arc, settings, time_machine):
    time_machine.move_to(_at(date(2026, 1, 5)))
    audit = services.start_audit(cast.custodian, cast.collection)
    for line in audit.lines.all():
        services.mark_audit_line(cast.custodian, line, "found")
    services.complete_audit(cast.custodian, audit)
    settings.ARCHIVE_AUDIT_INTERVAL_DAYS_BY_MEDIUM = {"disc": 20}  # the items are discs
    assert run_scan("archive_audit_due", _at(date(2026, 1, 25))) == 1
    assert SentReminder.objects.get().period == "due-2026-01-25"


@pytest.mark.rule("R2.4-destroy-when-needed")
def test_custodians_hear_once_when_retention_ends(cast, arc):
    arc.public.retention_until = date(2026, 12, 31)
    arc.public.save()
    assert run_scan("archive_retention_ended", _at(date(2026, 12, 31))) == 0
    assert run_scan("archive_retention_ended", _at(date(2027, 1, 1))) == 1
    assert run_scan("archive_retention_ended", _at(date(2027, 1, 2))) == 0
    assert _recipients() == ["custodian"]
