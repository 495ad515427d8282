"""Every response carries Referrer-Policy, Permissions-Policy and X-Content-Type-Options:
pages, static files, error pages and the log-in page alike."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/accounts/login/", 200),
        ("/static/onsite/onsite.css", 200),
        ("/no-such-page/", 404),
        ("/accounts/login/?month=9999-12", 400),
    ],
)
@pytest.mark.django_db
def test_every_answer_carries_the_security_headers(client, settings, path, status):
    settings.WHITENOISE_USE_FINDERS = True  # static files without collectstatic
    response = client.get(path)
    assert response.status_code == status
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    policy = response["Permissions-Policy"]
    # The camera for this site only: the archive scans copy labels with it.
    assert "camera=(self)" in policy and "microphone=()" in policy
    assert "geolocation=(self)" in policy  # the check-in's geofence asks for the position


def test_a_signed_in_page_carries_them_too(cast, login):
    response = login(cast.staff).get(reverse("onsite:home"))
    assert response["Permissions-Policy"] and response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
