from django.urls import reverse

from tests.factories import PASSWORD


def _attempt(client, username, password, ip="10.0.0.1"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_repeated_failures_lock_the_account_with_a_clear_message(cast, client, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _attempt(client, "staff", "wrong").status_code == 200
    response = _attempt(client, "staff", "wrong")
    assert response.status_code == 429
    assert b'data-testid="locked-out"' in response.content
    # Even the right password is refused while locked.
    response = _attempt(client, "staff", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_counts_user_name_and_employee_number_as_one_person(cast, client, settings):
    number = cast.staff.profile.employee_no
    for i in range(settings.AXES_FAILURE_LIMIT):
        _attempt(client, "staff" if i % 2 else number, "wrong")
    assert _attempt(client, number, PASSWORD).status_code == 429


def test_lockout_from_one_ip_does_not_lock_the_owner_elsewhere(cast, client, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _attempt(client, "staff", "wrong", ip="10.9.9.9")
    assert _attempt(client, "staff", "wrong", ip="10.9.9.9").status_code == 429
    response = _attempt(client, "staff", PASSWORD, ip="10.0.0.2")
    assert response.status_code == 302


def test_lockout_ends_after_the_cool_off(cast, client, settings):
    import time_machine
    from django.utils import timezone

    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            _attempt(client, "staff", "wrong")
        assert _attempt(client, "staff", PASSWORD).status_code == 429
    with time_machine.travel(start + settings.AXES_COOLOFF_TIME * 2, tick=False):
        assert _attempt(client, "staff", PASSWORD).status_code == 302
