"""Apps plug into the core without the core naming them (tests/throwaway is such an app)."""

import ast
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from onsite import reminding
from onsite.plugins import portal_apps
from tests.test_access_matrix import EXPECTATIONS

APPS = ("attendance", "archive", "meetingroom", "equipment", "duties", "throwaway")


def _nav_names(client):
    response = client.get(reverse("onsite:home"))
    return {item["name"] for item in response.context["nav_items"]}


def test_a_new_app_appears_in_the_menu_of_those_its_rule_allows(cast, login):
    assert "throwaway:page" in _nav_names(login(cast.hr))
    assert "throwaway:page" not in _nav_names(login(cast.staff))


def test_a_new_app_is_mounted_at_its_prefix_and_in_the_access_matrix():
    assert reverse("throwaway:page") == "/throwaway/"
    assert {"throwaway:page", "throwaway:export_download"} <= set(EXPECTATIONS)


def test_every_installed_app_of_the_portal_is_found():
    labels = [config.label for config in portal_apps()]
    assert labels[0] == "onsite" and "throwaway" in labels
    assert set(labels) <= {"onsite", *APPS}


def test_the_core_imports_no_app():
    core = Path(settings.BASE_DIR) / "onsite"
    offenders = []
    for path in core.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in APPS]
    assert not offenders


def test_reminder_kinds_of_every_app_are_registered():
    names = {kind.name for kind in reminding.all_kinds()}
    assert {"assignment_ending", "archive_loan_due", "holiday_calendar_provisional"} <= names


def test_the_demo_data_of_the_apps_is_loaded_by_the_core(db):
    from archive.models import Collection
    from onsite.demo import load_demo_data

    load_demo_data()
    assert Collection.objects.filter(code="SC-AV").exists()
