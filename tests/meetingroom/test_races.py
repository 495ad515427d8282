"""Races on PostgreSQL: a person is never inside twice, even when two entries of the same
person are logged at the same moment (same venue, or two venues)."""

import threading

import pytest
from django.db import connection

from meetingroom import services
from meetingroom.models import AccessEntry
from onsite.workflow import WorkflowError
from tests.conftest import is_postgres
from tests.factories import VenueFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.rule("R2.4-control-room-no-unlisted-entry"),
]


@pytest.fixture(autouse=True)
def _postgres_only():
    if not is_postgres():
        pytest.skip("race tests need PostgreSQL (set DATABASE_URL)")


def _run_together(*calls):
    """Start the calls at the same moment in threads (each its own connection)."""
    barrier = threading.Barrier(len(calls))
    results, errors = [], []

    def run(call):
        try:
            barrier.wait(timeout=10)
            results.append(call())
        except WorkflowError as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


def _enter(actor, venue, person):
    return lambda: services.log_entry(actor, venue, person=person)


def test_two_simultaneous_entries_of_one_person_log_one(cast):
    results, errors = _run_together(
        _enter(cast.staff, cast.venue, cast.staff), _enter(cast.manager, cast.venue, cast.staff)
    )
    assert len(results) == 1 and len(errors) == 1
    assert AccessEntry.objects.filter(person=cast.staff, exited_at__isnull=True).count() == 1


def test_two_simultaneous_entries_into_two_venues_log_one(cast):
    other = VenueFactory(site=cast.site, name="二号音控机房")
    other.managers.add(cast.manager)
    results, errors = _run_together(
        _enter(cast.staff, cast.venue, cast.staff), _enter(cast.manager, other, cast.staff)
    )
    assert len(results) == 1 and len(errors) == 1
    assert AccessEntry.objects.filter(person=cast.staff, exited_at__isnull=True).count() == 1
