"""One way to read the client's address, behind a trusted proxy too; NUL input refused."""

import pytest
from django.urls import reverse

from onsite import audit
from onsite.middleware import client_ip
from onsite.models import AuditEntry
from tests.factories import PASSWORD

PROXY = "10.0.0.10"


@pytest.fixture
def behind_a_proxy(settings):
    settings.ONSITE_PROXY_COUNT = 1


def _login(client, password, client_address, forged=""):
    chain = f"{forged}, {client_address}" if forged else client_address
    return client.post(
        reverse("login"),
        {"username": "staff", "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=chain,
    )


def test_the_client_is_read_from_the_proxys_header_and_a_forged_entry_is_ignored(rf, settings):
    settings.ONSITE_PROXY_COUNT = 1
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.66")
    assert client_ip(request) == "203.0.113.66"
    settings.ONSITE_PROXY_COUNT = 0
    assert client_ip(request) == PROXY


def test_lock_out_behind_a_proxy_is_per_client_address(cast, client, settings, behind_a_proxy):
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        _login(client, "wrong", "203.0.113.66", forged="198.51.100.7")
    assert _login(client, PASSWORD, "203.0.113.66").status_code == 429
    assert _login(client, PASSWORD, "198.51.100.7").status_code == 302


def test_the_audit_trail_records_the_client_behind_the_proxy(cast, login, behind_a_proxy):
    client = login(cast.staff)
    client.post(
        reverse("onsite:notification_settings"),
        {"email": []},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="203.0.113.66",
    )
    entry = AuditEntry.objects.filter(action="onsite.notification.mute").first()
    assert entry.ip == "203.0.113.66"
    assert audit.record(cast.staff, "x").ip is None  # outside a request: no address


@pytest.mark.parametrize(
    ("method", "name", "data"),
    [
        ("get", "onsite:staff_list", {"q": "\x00"}),
        ("get", "onsite:venue_list", {"q": "a\x00b"}),
        ("post", "onsite:notification_settings", {"email": ["x\x00"]}),
    ],
)
def test_a_nul_character_is_refused_with_a_bad_request_page(method, name, data, cast, login):
    response = getattr(login(cast.admin), method)(reverse(name), data)
    assert response.status_code == 400
