from django.urls import reverse

from tests.access import expect


def _url(name, *args):
    return lambda cast: reverse(name, args=[arg(cast) if callable(arg) else arg for arg in args])


def _note(cast):
    from tests.factories import NotificationFactory

    return NotificationFactory(recipient=cast.staff).pk


EXPECTATIONS = {
    "login": expect(_url("login"), 302, anon=200),  # signed-in users are sent home
    "logout": expect(_url("logout"), 302, method="post", anon=302),
    "password_change": expect(_url("password_change"), 200),
    "password_change_done": expect(_url("password_change_done"), 200),
    "set_language": expect(
        _url("set_language"), 302, method="post", anon=302, data={"language": "en", "next": "/"}
    ),
    "favicon": expect(_url("favicon"), 301, anon=301),  # to the shipped icon, for everyone
    # For the load balancer, no log-in; 503 here: no worker or beat ever stamped in tests.
    "health": expect(_url("health"), 503, anon=503),
    # Two-step verification: a person without an authenticator is sent to enrol one.
    "two_factor": expect(_url("two_factor"), 302),
    "two_factor_setup": expect(_url("two_factor_setup"), 200),
    "recovery_codes": expect(_url("recovery_codes"), 302, method="post"),
    "onsite:home": expect(_url("onsite:home"), 200),
    "onsite:notification_list": expect(_url("onsite:notification_list"), 200),
    "onsite:notification_badge": expect(_url("onsite:notification_badge"), 200),
    "onsite:notification_settings": expect(_url("onsite:notification_settings"), 200),
    "onsite:notification_read_all": expect(
        _url("onsite:notification_read_all"), 302, method="post"
    ),
    # A notification belongs to its recipient only: everyone else gets 404.
    "onsite:notification_read": expect(
        _url("onsite:notification_read", _note), 404, method="post", staff=302
    ),
    "onsite:staff_list": expect(
        _url("onsite:staff_list"), 403, supervisor=200, hr=200, vp=200, admin=200
    ),
    # Staff of department A: themselves, their supervisor and company-wide roles see them.
    "onsite:staff_detail": expect(
        _url("onsite:staff_detail", lambda c: c.staff.pk),
        404,
        staff=200,
        supervisor=200,
        hr=200,
        vp=200,
        admin=200,
    ),
    # Venues: the list for those who may work at one; a venue's page for its managers and
    # leaders, staff assigned to its site today, and administrators; everyone else 404.
    "onsite:venue_list": expect(_url("onsite:venue_list"), 200, hr=403, vp=403, supervisor=200),
    "onsite:venue_detail": expect(
        _url("onsite:venue_detail", lambda c: c.venue.pk),
        404,
        staff=200,
        manager=200,
        leader=200,
        admin=200,
    ),
    # The Django admin: only administrators; everyone else is sent to its log-in page.
    "admin:index": expect(_url("admin:index"), 302, admin=200, anon=302),
    "admin:auth_user_changelist": expect(
        _url("admin:auth_user_changelist"), 302, admin=200, anon=302
    ),
}
