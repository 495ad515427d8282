"""A reminder scan costs the same queries whether 5 or 50 reminders are due (issue 13):
the sent records and the notifications are written in bulk, still exactly once."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from onsite import reminding
from onsite.choices import EmailState
from onsite.models import Assignment, Notification, NotificationMute, SentReminder
from tests.factories import AssignmentFactory, UserFactory

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def _ending(cast, count):
    people = UserFactory.create_batch(count, department=cast.dept_a)
    for person in people:
        AssignmentFactory(
            user=person, site=cast.site, start_date=date(2026, 1, 1), end_date=date(2026, 11, 28)
        )
    return people


def _scan():
    ContentType.objects.get_for_model(Assignment)  # the process-wide cache, warm in a worker
    with CaptureQueriesContext(connection) as queries:
        sent = reminding.run_scan("assignment_ending", NOW)
    return sent, len(queries.captured_queries)


def test_a_scan_costs_the_same_queries_for_5_and_for_50_due(cast):
    _ending(cast, 5)
    few_sent, few_queries = _scan()
    SentReminder.objects.all().delete()
    Notification.objects.all().delete()
    _ending(cast, 45)
    many_sent, many_queries = _scan()
    assert (few_sent, many_sent) == (5, 50)
    assert few_queries == many_queries
    # Each person and the supervisor of department A, once per reminder.
    assert Notification.objects.filter(recipient=cast.supervisor).count() == 50
    assert Notification.objects.exclude(recipient=cast.supervisor).count() == 50


def test_a_second_scan_sends_nothing_in_as_few_queries(cast):
    _ending(cast, 20)
    sent, queries = _scan()
    assert sent == 20
    again, again_queries = _scan()
    assert again == 0 and again_queries <= queries
    assert SentReminder.objects.count() == 20
    assert Notification.objects.count() == 40


def test_what_an_earlier_scan_sent_is_skipped_and_the_rest_is_sent(cast):
    first = _ending(cast, 3)
    assert reminding.run_scan("assignment_ending", NOW) == 3
    _ending(cast, 4)
    assert reminding.run_scan("assignment_ending", NOW) == 4
    assert Notification.objects.filter(recipient__in=first).count() == 3
    assert SentReminder.objects.count() == 7


def test_a_muted_person_still_sees_the_reminder_without_its_email(cast):
    people = _ending(cast, 3)
    NotificationMute.objects.create(user=people[0], kind="assignment_ending")
    reminding.run_scan("assignment_ending", NOW)
    states = dict(
        Notification.objects.filter(recipient__in=people).values_list("recipient", "email_state")
    )
    assert states[people[0].pk] == EmailState.SKIPPED
    assert states[people[1].pk] == states[people[2].pk] == EmailState.PENDING
