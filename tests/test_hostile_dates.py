"""Hostile but plausible dates never give a 500: every URL, as someone allowed to use it.

A month or a day outside 1900–2199 (``onsite.dates``) in a query string or a form is
refused with a 400 page that says why, before any view runs; the extremes inside the range
are served (or refused by a form) without a server error, and quickly.
"""

import time
from datetime import date

import pytest
from django.urls import reverse

from attendance.models import LeaveRequest
from onsite import dates
from tests.attendance.conftest import leave_type
from tests.test_access_matrix import EXPECTATIONS
from tests.test_bad_input import CASES

DATE_KEYS = [
    "month", "day", "date", "start", "end", "from", "until", "week", "start_date", "end_date",
    "needed_from", "return_by", "signed_on", "valid_from", "valid_until", "due_on", "planned_on",
    "destroyed_on", "event_date", "issued_on", "starts_at", "ends_at", "deadline", "on",
]  # fmt: skip
OUTSIDE = ["9999-12", "0000-01", "0001-01", "9999-12-31", "0001-01-01T00:00", "9998/12/31"]
EXTREMES = ["1900-01", "2199-12", "1900-01-01", "2199-12-31", "2199-12-31T23:59"]


def _sign_in(client, cast, role):
    client.raise_request_exception = False
    client.force_login(
        getattr(cast, role), backend="onsite.auth_backends.UsernameOrEmployeeNumberBackend"
    )


@pytest.mark.parametrize(("name", "role"), CASES)
def test_a_date_outside_the_sane_range_is_a_bad_request_that_says_why(name, role, cast, client):
    _sign_in(client, cast, role)
    url = EXPECTATIONS[name].url(cast)
    for index, value in enumerate(OUTSIDE):
        data = dict.fromkeys(DATE_KEYS, value)
        got = client.post(url, data) if index % 2 else client.get(url, data)
        assert got.status_code == 400, (name, value, got.status_code)
        assert "1900-01-01" in got.content.decode()
    assert client.get(url, {"year": "9999"}).status_code == 400


@pytest.mark.parametrize(("name", "role"), CASES)
def test_the_extremes_of_the_range_are_answered_without_a_server_error(name, role, cast, client):
    _sign_in(client, cast, role)
    url = EXPECTATIONS[name].url(cast)
    for value in EXTREMES:
        data = dict.fromkeys(DATE_KEYS, value)
        started = time.monotonic()
        got, posted = client.get(url, data), client.post(url, data)
        assert got.status_code < 500 and posted.status_code < 500, (name, value)
        assert time.monotonic() - started < 5, (name, value)


def test_text_that_merely_starts_with_digits_is_not_taken_for_a_date():
    assert not dates.implausible_value("note", "0800-1200 班次")
    assert not dates.implausible_value("location", "3-2")
    assert not dates.implausible_value("comment", "9999-12 " + "x" * 40)
    assert dates.implausible_value("month", "9999-12")
    assert dates.implausible_value("day", "2026年5月1日") is False
    assert dates.implausible_value("day", "0001年5月1日")


@pytest.mark.django_db
def test_a_one_day_leave_with_a_half_that_is_not_a_choice_is_a_form_message(cast, login):
    kind = leave_type("ANNUAL")
    client = login(cast.staff)
    for half in ("", "noon", "am'--"):
        response = client.post(
            reverse("attendance:leave_new"),
            {
                "leave_type": kind.pk,
                "start_date": "2026-12-01",
                "start_half": half,
                "end_date": "2026-12-01",
                "end_half": "pm",
                "reason": "家中有事",
            },
        )
        assert response.status_code == 200
        assert response.context["form"].errors["start_half"]
    assert not LeaveRequest.objects.exists()


@pytest.mark.django_db
def test_a_leave_over_three_centuries_is_refused_quickly(cast, login):
    kind = leave_type("ANNUAL")
    client = login(cast.staff)
    started = time.monotonic()
    response = client.post(
        reverse("attendance:leave_new"),
        {
            "leave_type": kind.pk,
            "start_date": dates.EARLIEST.isoformat(),
            "start_half": "am",
            "end_date": dates.LATEST.isoformat(),
            "end_half": "pm",
            "reason": "家中有事",
        },
    )
    assert response.status_code in (200, 302)
    assert time.monotonic() - started < 5
    assert date(1900, 1, 1) == dates.EARLIEST
