"""Rate limits: failed log-ins per client address, exports per person (429 with a reason)."""

import pytest
from django.urls import reverse

from onsite import exports
from onsite.ratelimit import RateLimited
from tests.factories import PASSWORD


@pytest.fixture
def low_limits(settings):
    settings.ONSITE_LOGIN_IP_FAILURES = 3
    settings.ONSITE_EXPORTS_PER_HOUR = 2
    settings.ONSITE_EXPORTS_PER_MINUTE = 2


def _log_in(client, username, password, ip):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_an_address_that_fails_with_many_user_names_is_refused_for_a_while(
    cast, client, low_limits
):
    for name in ("hr", "vp", "leader"):  # one wrong password each: axes locks nobody
        assert _log_in(client, name, "wrong", "203.0.113.9").status_code == 200
    refused = _log_in(client, "staff", PASSWORD, "203.0.113.9")
    assert refused.status_code == 429
    assert "此地址登录失败次数过多" in refused.content.decode()
    assert "_auth_user_id" not in client.session


def test_another_address_still_logs_in(cast, client, low_limits):
    for name in ("hr", "vp", "leader"):
        _log_in(client, name, "wrong", "203.0.113.9")
    assert _log_in(client, "staff", PASSWORD, "198.51.100.7").status_code == 302


def test_a_person_may_queue_only_so_many_exports_an_hour(cast, low_limits):
    for _n in range(2):
        exports.queue(cast.hr, "throwaway.text", fmt="txt")
    with pytest.raises(RateLimited):
        exports.queue(cast.hr, "throwaway.text", fmt="txt")
    exports.queue(cast.vp, "throwaway.text", fmt="txt")  # another person is not held


def test_a_page_that_builds_a_file_answers_429_past_the_limit_a_minute(cast, login, low_limits):
    client = login(cast.staff)
    url = reverse("equipment:inventory_export", args=["xlsx"])
    assert [client.get(url).status_code for _n in range(3)] == [200, 200, 429]
    assert login(cast.custodian).get(url).status_code == 200


def test_a_queued_export_past_the_limit_is_a_429_page_not_a_500(cast, login, low_limits):
    client = login(cast.hr)
    client.raise_request_exception = False
    for _n in range(2):
        exports.queue(cast.hr, "throwaway.text", fmt="txt")
    response = client.post(
        reverse("attendance:export_start"),
        {"scope": "company", "month": "2026-11", "format": "pdf"},
    )
    assert response.status_code == 429
