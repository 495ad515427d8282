import threading
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from onsite import reminding
from onsite.models import Notification, SentReminder
from tests.conftest import is_postgres
from tests.factories import AssignmentFactory

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture
def ending(cast):
    return AssignmentFactory(
        user=cast.outsider, site=cast.site, start_date=date(2026, 1, 1), end_date=date(2026, 11, 28)
    )


def test_a_due_reminder_notifies_the_person_once(ending):
    assert reminding.run_scan("assignment_ending", NOW) == 1
    assert reminding.run_scan("assignment_ending", NOW) == 0
    assert Notification.objects.filter(recipient=ending.user).count() == 1
    assert SentReminder.objects.get().period == "7d"


def test_the_last_day_gets_its_own_reminder(ending):
    reminding.run_scan("assignment_ending", NOW)
    assert reminding.run_scan("assignment_ending", NOW + timedelta(days=3)) == 1
    assert Notification.objects.filter(recipient=ending.user).count() == 2


def test_nothing_is_sent_for_assignments_far_away(cast):
    AssignmentFactory(user=cast.outsider, site=cast.site, end_date=date(2027, 5, 1))
    assert reminding.run_scan("assignment_ending", NOW) == 0


def test_supervisors_of_the_department_are_reminded_too(cast):
    AssignmentFactory(user=cast.supervisor, site=cast.site, end_date=date(2026, 11, 25))
    AssignmentFactory(user=cast.manager, site=cast.site, end_date=date(2026, 11, 25))
    reminding.run_scan("assignment_ending", NOW)
    # The supervisor of department A hears about both (and about themself once).
    assert Notification.objects.filter(recipient=cast.supervisor).count() == 2


def test_unknown_kind_is_an_error(db):
    with pytest.raises(LookupError):
        reminding.run_scan("no_such_kind", NOW)


def test_every_registered_kind_gets_a_beat_entry():
    from onsite.celery import app

    app.loader.import_default_modules()  # what a worker does at start: import every tasks.py
    app.finalize()
    names = set(app.conf.beat_schedule)
    assert "relay-outbox" in names
    assert {f"reminder-{kind.name}" for kind in reminding.all_kinds()} <= names
    assert "reminder-assignment_ending" in names
    for entry in ("relay-outbox", "sweep-exports"):
        assert app.conf.beat_schedule[entry]["task"] in app.tasks


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_scans_send_one_reminder(cast):
    if not is_postgres():
        pytest.skip("SQLite serialises writers; the race is tested on PostgreSQL")
    AssignmentFactory(user=cast.outsider, site=cast.site, end_date=date(2026, 11, 28))
    barrier = threading.Barrier(4)
    results, errors = [], []

    def scan():
        try:
            barrier.wait()
            results.append(reminding.run_scan("assignment_ending", NOW))
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=scan) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(results) == [0, 0, 0, 1]
    assert SentReminder.objects.count() == 1
    assert Notification.objects.filter(recipient=cast.outsider).count() == 1
