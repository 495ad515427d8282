"""A second factor (TOTP) for administrators, HR, custodians, leaders and managers.

With the production settings' ``ONSITE_REQUIRE_OTP`` they enrol an authenticator on a page,
then pass a code after every password; each code works once; recovery codes work once.
"""

import os
import subprocess
import sys

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from onsite.models import AuditEntry
from tests.factories import PASSWORD

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.fixture(autouse=True)
def required(settings):
    settings.ONSITE_REQUIRE_OTP = True


def _code(device):
    """The code the authenticator app shows now."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits):0{device.digits}d}"


def _password(client, user):
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return response


def _enrol(client, user):
    """Enrol through the page; returns (device, recovery codes)."""
    page = client.get(reverse("two_factor_setup"))
    assert page.status_code == 200 and page.context["secret"]
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    shown = client.post(reverse("two_factor_setup"), {"code": _code(device)})
    assert shown.status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    return device, shown.context["codes"]


@pytest.mark.parametrize("role", ["admin", "hr", "custodian", "leader", "manager"])
def test_a_guarded_role_is_sent_to_enrol_before_any_page(cast, client, role):
    _password(client, getattr(cast, role))
    home = client.get(reverse("onsite:home"))
    assert home.status_code == 302 and home["Location"].startswith(reverse("two_factor_setup"))


@pytest.mark.parametrize("role", ["staff", "supervisor", "vp", "outsider"])
def test_other_people_need_only_their_password(cast, client, role):
    _password(client, getattr(cast, role))
    assert client.get(reverse("onsite:home")).status_code == 200


def test_enrolment_is_a_page_and_gives_ten_recovery_codes(cast, client):
    _password(client, cast.hr)
    _device, codes = _enrol(client, cast.hr)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.get(reverse("onsite:home")).status_code == 200
    assert AuditEntry.objects.filter(action="onsite.user.second_factor_enrolled").exists()


def test_after_the_password_a_code_is_asked_and_works_only_once(cast, client):
    _password(client, cast.hr)
    device, _codes = _enrol(client, cast.hr)
    client.post(reverse("logout"))
    # The next log-in: the code of the current time step was used at enrolment.
    _password(client, cast.hr)
    assert client.get(reverse("onsite:home"))["Location"].startswith(reverse("two_factor"))
    device.refresh_from_db()
    reused = client.post(reverse("two_factor"), {"code": _code(device)})
    assert reused.status_code == 200 and reused.context["form"].errors
    assert client.get(reverse("onsite:home")).status_code == 302


def test_a_fresh_code_lets_the_person_in(cast, client):
    _password(client, cast.custodian)
    device, _codes = _enrol(client, cast.custodian)
    client.post(reverse("logout"))
    _password(client, cast.custodian)
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=device.last_t - 1)  # a new time step
    device.refresh_from_db()
    passed = client.post(reverse("two_factor"), {"code": _code(device), "next": "/archive/"})
    assert passed.status_code == 302 and passed["Location"] == "/archive/"
    assert client.get(reverse("onsite:home")).status_code == 200


def test_a_recovery_code_works_once(cast, client):
    _password(client, cast.leader)
    _device, codes = _enrol(client, cast.leader)
    client.post(reverse("logout"))
    _password(client, cast.leader)
    assert client.post(reverse("two_factor"), {"code": codes[0]}).status_code == 302
    assert not StaticToken.objects.filter(token=codes[0]).exists()
    client.post(reverse("logout"))
    _password(client, cast.leader)
    again = client.post(reverse("two_factor"), {"code": codes[0]})
    assert again.status_code == 200 and again.context["form"].errors


def test_new_recovery_codes_replace_the_old_ones(cast, client):
    _password(client, cast.admin)
    _device, old = _enrol(client, cast.admin)
    new = client.post(reverse("recovery_codes")).context["codes"]
    assert len(new) == 10 and not set(old) & set(new)
    assert StaticToken.objects.filter(device__user=cast.admin).count() == 10


def test_the_production_settings_require_the_second_factor():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "onsite.settings_production",
        "SECRET_KEY": "k" * 60,
    }
    env.pop("ONSITE_REQUIRE_OTP", None)
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; print(settings.ONSITE_REQUIRE_OTP)",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert out == "True"
