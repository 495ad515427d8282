"""Demo data loads twice without changing anything; the menu and the home panel show due work."""

from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from equipment.models import Inspection


def _counts():
    return {m._meta.label: m.objects.count() for m in apps.get_app_config("equipment").get_models()}


def test_demo_data_is_idempotent_and_gives_due_work(db, client):
    call_command("seed_demo", "--quiet")
    first = _counts()
    assert first["equipment.Equipment"] == 7 and first["equipment.Fault"] == 1
    call_command("seed_demo", "--quiet")
    assert _counts() == first
    assert Inspection.objects.filter(status="due").count() == 4
    from django.contrib.auth import get_user_model

    client.force_login(
        get_user_model().objects.get(username="zhangwei"),
        backend="onsite.auth_backends.UsernameOrEmployeeNumberBackend",
    )
    home = client.get(reverse("onsite:home")).content.decode()
    assert 'data-testid="equipment-panel"' in home and "音控机房每日开机检查" in home
    assert reverse("equipment:due_list") in home  # the menu entry
    for name in ("due_list", "due_calendar", "equipment_list", "plan_list", "fault_list"):
        assert client.get(reverse(f"equipment:{name}")).status_code == 200


def test_people_without_equipment_work_see_neither_menu_nor_panel(cast, login):
    home = login(cast.hr).get(reverse("onsite:home")).content.decode()
    assert reverse("equipment:due_list") not in home
    assert 'data-testid="equipment-panel"' not in home
