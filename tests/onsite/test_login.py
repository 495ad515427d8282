from django.urls import reverse

from tests.factories import PASSWORD


def _login(client, username, password=PASSWORD, next_url=None):
    url = reverse("login") + (f"?next={next_url}" if next_url else "")
    data = {"username": username, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post(url, data)


def test_it_logs_in_with_the_user_name(cast, client):
    response = _login(client, "staff")
    assert response.status_code == 302
    assert response.url == reverse("onsite:home")
    assert client.get(reverse("onsite:home")).context["user"] == cast.staff


def test_it_logs_in_with_the_employee_number(cast, client):
    response = _login(client, cast.staff.profile.employee_no)
    assert response.status_code == 302
    assert client.get(reverse("onsite:home")).context["user"] == cast.staff


def test_it_refuses_a_wrong_password_with_a_message(cast, client):
    response = _login(client, "staff", "wrong")
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "_auth_user_id" not in client.session


def test_it_follows_next_within_the_site(cast, client):
    response = _login(client, "staff", next_url="/notifications/")
    assert response.url == "/notifications/"


def test_it_ignores_next_pointing_to_another_site(cast, client):
    response = _login(client, "staff", next_url="https://evil.example.com/steal")
    assert response.status_code == 302
    assert response.url == reverse("onsite:home")


def test_it_ignores_protocol_relative_next(cast, client):
    response = _login(client, "staff", next_url="//evil.example.com/")
    assert response.url == reverse("onsite:home")


def test_logout_is_post_only_and_ends_the_session(cast, login):
    client = login(cast.staff)
    assert client.get(reverse("logout")).status_code == 405
    client.post(reverse("logout"))
    assert client.get(reverse("onsite:home")).status_code == 302


def test_it_changes_the_password(cast, login):
    client = login(cast.staff)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a-New-pass-9921",
            "new_password2": "a-New-pass-9921",
        },
    )
    assert response.status_code == 302
    cast.staff.refresh_from_db()
    assert cast.staff.check_password("a-New-pass-9921")


def test_password_change_with_wrong_old_password_keeps_the_old_one(cast, login):
    client = login(cast.staff)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "nope",
            "new_password1": "a-New-pass-9921",
            "new_password2": "a-New-pass-9921",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["old_password"]
    cast.staff.refresh_from_db()
    assert cast.staff.check_password(PASSWORD)


def test_passwords_are_hashed_with_argon2(cast, settings):
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    cast.staff.set_password("whatever-123")
    assert cast.staff.password.startswith("argon2")


def test_sessions_expire_after_idle_time(settings):
    from django.conf import settings as live

    assert "onsite.sessions.IdleSessionMiddleware" in live.MIDDLEWARE  # renews the expiry
    assert 0 < live.SESSION_COOKIE_AGE <= 8 * 3600
