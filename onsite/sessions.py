"""Sessions that end after idle time without a database write on every request.

Django's ``SESSION_SAVE_EVERY_REQUEST`` renews a session's expiry by writing its row on
every request (a savepoint and an UPDATE each page). Here a signed-in session is written
only when it changed or when its expiry was last renewed ``ONSITE_SESSION_RENEW_SECONDS``
ago or more: the idle timeout (``SESSION_COOKIE_AGE``) then holds to within that many
seconds, and a busy person costs one write a minute instead of one a page.
"""

import time

from django.contrib.sessions.middleware import SessionMiddleware

from onsite.conf import conf

RENEWED = "_onsite_renewed"
_clock = time.time


def renew_if_due(session):
    """Mark a live, unchanged session for saving when its expiry is due for renewal."""
    if not session.accessed or session.modified or not session.session_key:
        return False
    now = int(_clock())
    if now - session.get(RENEWED, 0) < conf.SESSION_RENEW_SECONDS:
        return False
    session[RENEWED] = now
    return True


class IdleSessionMiddleware(SessionMiddleware):
    """``SessionMiddleware`` renewing the idle expiry at most once a renewal period."""

    def process_response(self, request, response):
        session = getattr(request, "session", None)
        if session is not None:
            renew_if_due(session)
        return super().process_response(request, response)


def renewed_at_sign_in(sender, request, user, **kwargs):
    """A session just made by signing in counts as renewed (``user_logged_in``)."""
    if request is not None and hasattr(request, "session"):
        request.session[RENEWED] = int(_clock())
