"""Small helpers shared by the duties services."""

from django.utils import timezone

from onsite.names import display_name


def name(user):
    return display_name(user)


def local_today(now=None):
    return timezone.localdate(now) if now else timezone.localdate()


def supervisors_of(user):
    """The supervisors of ``user``'s department (a list; empty without a profile)."""
    profile = getattr(user, "profile", None)
    return list(profile.department.supervisors.all()) if profile else []


def plain(text):
    """User-written text passed where ``notify`` fills %(name)s placeholders: its own % signs
    must stay as written (``"完成80%"`` would otherwise break the formatting)."""
    return text.replace("%", "%%") if isinstance(text, str) else text


def notify(recipients, title, body="", url="", params=None, kind=""):
    """``onsite.notifications.notify`` with the body taken as written when it is plain text
    (a comment, an explanation) rather than a translatable template."""
    from onsite.notifications import notify as queue

    return queue(recipients, title, plain(body), url, params, kind=kind)
