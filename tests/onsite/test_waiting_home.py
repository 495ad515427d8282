"""The core's pieces for "Waiting for me": the registry, the ages, notifications that open their
object, the favicon, parent departments and "on behalf of" in the audit trail."""

from datetime import date, datetime, timedelta

import pytest
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import timezone, translation

from onsite import audit, waiting
from onsite.models import AuditEntry, Notification
from onsite.templatetags.onsite_tags import ago
from tests.factories import DepartmentFactory, NotificationFactory

NOW = timezone.make_aware(datetime(2026, 12, 1, 10, 0))


@pytest.fixture
def registry(monkeypatch):
    """An empty provider registry for one test (the apps' providers put back afterwards)."""
    monkeypatch.setattr(waiting, "_PROVIDERS", [])
    return waiting


def test_the_list_puts_every_providers_items_oldest_first(registry, cast):
    @registry.provider
    def first(user, now):
        return [waiting.Waiting("B", "/b/", now - timedelta(hours=1), "Go")]

    @registry.provider
    def second(user, now):
        return [
            waiting.Waiting("A", "/a/", now - timedelta(days=2), "Go"),
            waiting.Waiting("C", "/c/", date(2026, 11, 30), "Go"),
        ]

    titles = [item.title for item in waiting.waiting_for(cast.staff, NOW)]
    assert titles == ["A", "C", "B"]


def test_a_provider_is_registered_once(registry):
    def twice(user, now):
        return []

    registry.provider(twice)
    registry.provider(twice)
    assert registry.providers() == [twice]


@pytest.mark.parametrize(
    ("moment", "text"),
    [
        (NOW - timedelta(seconds=20), "刚刚"),
        (NOW - timedelta(minutes=5, seconds=30), "5 分钟前"),
        (NOW - timedelta(hours=3), "3 小时前"),
        (NOW - timedelta(days=2, hours=1), "2 天前"),
        (NOW + timedelta(days=2, hours=1), "2 天后"),
        (date(2026, 11, 28), "3 天前"),
    ],
)
def test_ages_read_as_people_say_them(moment, text):
    with translation.override("zh-hans"):
        assert ago(moment, NOW) == text


def test_notifications_open_their_object_and_are_read_then(cast, login):
    note = NotificationFactory(recipient=cast.staff, url="/attendance/requests/")
    page = login(cast.staff).get("/notifications/")
    assert 'data-testid="open-notification"' in page.content.decode()
    response = login(cast.staff).post(f"/notifications/{note.pk}/read/", {"follow": "1"})
    assert response.status_code == 302
    assert response["Location"] == "/attendance/requests/"
    note.refresh_from_db()
    assert note.read_at is not None


def test_the_home_page_shows_notification_ages_not_zero_minutes(cast, login, time_machine):
    time_machine.move_to(NOW, tick=False)
    NotificationFactory(recipient=cast.staff, title="机房巡检提醒")
    Notification.objects.update(created_at=NOW - timedelta(minutes=5))
    html = login(cast.staff).get("/").content.decode()
    assert "5 分钟前" in html
    assert "0 分钟" not in html


def test_favicon_ico_answers_on_every_site(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("onsite/favicon.ico")
    shipped = finders.find("onsite/favicon.ico")
    with open(shipped, "rb") as icon:
        assert icon.read(4) == b"\x00\x00\x01\x00"  # an ICO file


def test_a_department_cannot_sit_under_itself(db):
    top = DepartmentFactory()
    child = DepartmentFactory(parent=top)
    top.parent = child
    with pytest.raises(ValidationError):
        top.clean()


def test_entries_written_for_someone_else_name_them(cast):
    with audit.on_behalf_of(cast.supervisor):
        audit.record(cast.staff, "onsite.test.act", cast.site)
    audit.record(cast.staff, "onsite.test.again", cast.site)
    entries = {e.action: e for e in AuditEntry.objects.filter(action__startswith="onsite.test")}
    assert entries["onsite.test.act"].on_behalf_of == cast.supervisor
    assert entries["onsite.test.again"].on_behalf_of is None
    html = Template("{% include 'includes/history.html' %}").render(
        Context({"history": audit.history(cast.site)})
    )
    assert 'data-testid="on-behalf-of"' in html
