"""manage.py seed_scale: a company at scale from every app's ``scale.py`` (bench/run.py)."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client

from onsite import exports
from onsite import scale as scaling

# Rows each app's seeder must make (a new app's seeder is held by the generic test below).
EXPECTED = {
    "attendance": ["AttendanceRecord", "LeaveRequest", "OvertimeRequest"],
    "archive": ["Item", "Copy", "Loan", "CollectionAccess"],
    "meetingroom": ["AccessEntry", "Meeting", "Pledge", "Visit"],
    "equipment": ["Equipment", "MaintenancePlan", "Inspection", "Fault"],
    "duties": ["CompanyDocument", "Receipt", "Task", "WorkReport"],
}
BACKEND = "onsite.auth_backends.UsernameOrEmployeeNumberBackend"


@pytest.fixture
def seeded(db, capsys):
    call_command("seed_scale", "--staff", "5")
    return capsys.readouterr().out


def test_seed_scale_fills_every_app_that_has_a_seeder_and_prints_the_log_ins(seeded):
    for app, models in EXPECTED.items():
        for model in models:
            assert apps.get_model(app, model).objects.exists(), f"{app}.{model} is empty"
    for label, _seed in scaling.app_parts("seed"):
        made = [m for m in apps.get_app_config(label).get_models() if m.objects.exists()]
        assert made, f"{label}/scale.py made no rows"
        assert f"  {label}: " in seeded
    assert get_user_model().objects.filter(username__startswith="u0").count() == 5
    assert scaling.SCALE_PASSWORD in seeded
    for username in ["u0004", "u0000", "hr", "custodian", "manager", "leader"]:
        assert f"  {username} " in seeded
    assert "5 staff in 10 departments at 5 sites" in seeded


def test_every_daily_page_and_export_of_every_app_works_at_scale_for_its_person(seeded):
    scale = scaling.attach()
    listed = [row for _app, pages in scaling.app_parts("pages") for row in pages(scale)]
    assert {app for app, _p in scaling.app_parts("pages")} >= set(EXPECTED)
    clients = {}
    for label, role, url in listed:
        if role not in clients:
            clients[role] = Client()
            clients[role].force_login(scale.people[role], backend=BACKEND)
        assert clients[role].get(url).status_code == 200, f"{label} as {role}: {url}"
    for _app, listed in scaling.app_parts("exports"):
        for _label, role, kind, kwargs in listed(scale):
            assert exports.get_kind(kind)
            assert role in scale.people and "fmt" in kwargs


def test_seed_scale_refuses_a_database_that_already_has_people(db):
    get_user_model().objects.create(username="someone")
    with pytest.raises(CommandError, match="already has people"):
        call_command("seed_scale", "--staff", "5")
    assert get_user_model().objects.count() == 1
