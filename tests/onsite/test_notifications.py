from django.core import mail
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from onsite import notifications, queueing
from onsite.choices import EmailState
from onsite.models import Notification
from tests.factories import NotificationFactory, UserFactory


def test_header_shows_the_unread_count(cast, login):
    NotificationFactory.create_batch(3, recipient=cast.staff)
    NotificationFactory(recipient=cast.outsider)
    response = login(cast.staff).get(reverse("onsite:home"))
    assert response.context["unread_count"] == 3
    assert b'data-testid="unread-count"' in response.content


def test_mark_one_as_read(cast, login):
    note = NotificationFactory(recipient=cast.staff)
    other = NotificationFactory(recipient=cast.staff)
    client = login(cast.staff)
    client.post(reverse("onsite:notification_read", args=[note.pk]))
    note.refresh_from_db()
    other.refresh_from_db()
    assert note.read_at is not None and other.read_at is None
    assert client.get(reverse("onsite:home")).context["unread_count"] == 1


def test_mark_read_by_htmx_returns_the_row_and_the_new_count(cast, login):
    note = NotificationFactory(recipient=cast.staff)
    response = login(cast.staff).post(
        reverse("onsite:notification_read", args=[note.pk]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert f'id="note-{note.pk}"'.encode() in response.content
    assert b'hx-swap-oob="true"' in response.content


def test_cannot_mark_someone_elses_notification(cast, login):
    note = NotificationFactory(recipient=cast.outsider)
    response = login(cast.staff).post(reverse("onsite:notification_read", args=[note.pk]))
    assert response.status_code == 404
    note.refresh_from_db()
    assert note.read_at is None


def test_mark_all_as_read_touches_only_own(cast, login):
    NotificationFactory.create_batch(2, recipient=cast.staff)
    theirs = NotificationFactory(recipient=cast.outsider)
    login(cast.staff).post(reverse("onsite:notification_read_all"))
    assert notifications.unread_count(cast.staff) == 0
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_notify_writes_rows_and_emails_after_commit(
    cast, django_capture_on_commit_callbacks, settings
):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    from onsite.celery import app

    app.conf.task_always_eager = True
    try:
        with django_capture_on_commit_callbacks(execute=True):
            notifications.notify(
                [cast.staff, cast.supervisor],
                _("Overtime %(day)s approved"),
                params={"day": "2026-11-24"},
            )
    finally:
        app.conf.task_always_eager = False
    rows = Notification.objects.filter(title__contains="2026-11-24")
    assert rows.count() == 2
    assert {m.to[0] for m in mail.outbox} == {cast.staff.email, cast.supervisor.email}
    assert all(r.email_state == EmailState.SENT for r in rows)


def test_notification_is_written_in_the_recipients_language(cast):
    cast.staff.profile.language = "en"
    cast.staff.profile.save()
    notifications.notify([cast.staff, cast.supervisor], _("Notifications"))
    titles = dict(Notification.objects.values_list("recipient__username", "title"))
    assert titles == {"staff": "Notifications", "supervisor": "通知"}


def test_relay_sends_each_notification_once(cast):
    note = NotificationFactory(recipient=cast.staff)
    assert notifications.relay(note.pk) is True
    assert notifications.relay(note.pk) is False
    assert len(mail.outbox) == 1
    note.refresh_from_db()
    assert note.email_state == EmailState.SENT and note.emailed_at


def test_user_without_email_gets_the_in_app_notification_only(cast):
    nomail = UserFactory(email="")
    (row,) = notifications.notify(nomail, _("Notifications"))
    assert row.email_state == EmailState.SKIPPED
    assert notifications.pending_ids() == []


def test_failed_email_stays_pending_for_the_sweep(cast, settings, monkeypatch):
    note = NotificationFactory(recipient=cast.staff)

    def broken(*args, **kwargs):
        raise OSError("smtp down")

    monkeypatch.setattr(notifications, "send_mail", broken)
    assert notifications.relay(note.pk) is False
    note.refresh_from_db()
    assert note.email_state == EmailState.PENDING and note.email_attempts == 1
    assert notifications.pending_ids() == [note.pk]


def test_enqueue_failure_never_raises(cast, monkeypatch):
    from onsite import tasks

    def down(*args, **kwargs):
        raise ConnectionRefusedError("broker down")

    monkeypatch.setattr(tasks.relay_notifications, "apply_async", down)
    assert queueing.enqueue(tasks.relay_notifications, [1, 2]) is False


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_notification_list_and_home_query_counts_do_not_grow_with_rows(cast, login):
    client = login(cast.staff)
    NotificationFactory.create_batch(5, recipient=cast.staff)
    few = (
        _queries(client, reverse("onsite:notification_list")),
        _queries(client, reverse("onsite:home")),
    )
    NotificationFactory.create_batch(45, recipient=cast.staff)
    many = (
        _queries(client, reverse("onsite:notification_list")),
        _queries(client, reverse("onsite:home")),
    )
    assert few == many


def test_a_resent_email_carries_the_same_message_id(cast):
    from django.core import mail

    note = NotificationFactory(recipient=cast.staff)
    assert notifications.relay(note.pk) is True
    Notification.objects.filter(pk=note.pk).update(email_state=EmailState.PENDING)
    assert notifications.relay(note.pk) is True
    first, second = mail.outbox[-2:]
    assert first.extra_headers["Message-ID"] == second.extra_headers["Message-ID"]
    assert str(note.pk) in first.extra_headers["Message-ID"]


def test_a_persons_own_words_are_kept_as_typed_even_with_a_percent_sign(cast):
    from django.utils.translation import gettext_lazy

    notifications.notify(
        cast.staff,
        gettext_lazy("Your overtime on %(date)s was rejected"),
        "完成80%，其余明天",
        params={"date": "2026-12-01"},
    )
    note = Notification.objects.get(recipient=cast.staff)
    assert note.body == "完成80%，其余明天" and "2026-12-01" in note.title
