import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from onsite.env import env_bool, env_int, env_list


def test_bad_boolean_is_refused(monkeypatch):
    monkeypatch.setenv("X_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured):
        env_bool("X_FLAG")


def test_bad_integer_is_refused(monkeypatch):
    monkeypatch.setenv("X_NUM", "ten")
    with pytest.raises(ImproperlyConfigured):
        env_int("X_NUM", 1)


def test_values_are_read(monkeypatch):
    monkeypatch.setenv("X_FLAG", "Yes")
    monkeypatch.setenv("X_LIST", "a.example, b.example,")
    assert env_bool("X_FLAG") is True
    assert env_list("X_LIST") == ["a.example", "b.example"]
    assert env_bool("X_UNSET", False) is False


def _import_settings(module, **env):
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    return subprocess.run(
        [sys.executable, "-c", f"import {module}"],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _import_settings("onsite.settings_production")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_debug():
    result = _import_settings("onsite.settings_production", SECRET_KEY="k" * 60, DEBUG="1")
    assert result.returncode != 0
    assert "DEBUG" in result.stderr


def test_production_starts_with_a_secret_key():
    assert _import_settings("onsite.settings_production", SECRET_KEY="k" * 60).returncode == 0


def test_bad_database_url_is_refused():
    result = _import_settings("onsite.settings", DATABASE_URL="nonsense://x")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr


def test_debug_is_off_unless_set():
    result = subprocess.run(
        [sys.executable, "-c", "import onsite.settings as s; print(s.DEBUG)"],
        env={k: v for k, v in os.environ.items() if k != "DEBUG"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "False"


def test_sqlite_writers_wait_instead_of_failing(settings):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite setting")
    assert settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_admin_site_follows_the_administrator_role(cast, login):
    from django.urls import reverse

    cast.hr.is_staff = True  # the flag alone does not open the admin
    cast.hr.save()
    assert login(cast.hr).get(reverse("admin:index")).status_code == 302
    cast.outsider.groups.add(*cast.admin.groups.all())
    assert login(cast.outsider).get(reverse("admin:index")).status_code == 200
