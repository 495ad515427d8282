"""Notifications through an outbox.

``notify`` writes the rows in the caller's transaction; after commit it asks Celery to
relay them by e-mail. If the broker is down or hangs, the request is not held (short
socket timeouts, no publish retry) and nothing is lost: ``relay_outbox`` (Celery beat)
sends every row still pending. ``relay`` claims a row with a conditional UPDATE, so a
notification is e-mailed once even if it is relayed twice or concurrently.

The relay is at-least-once at the mail server: a crash after the server accepted a
message and before the row is marked sent sends it again later. Every notification's
e-mail carries the same ``Message-ID`` each time (``message_id``), so a resend is
recognisable (and mail clients show it once).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.utils import DNS_NAME
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.functional import Promise

from onsite.choices import EMAIL_MAX_ATTEMPTS, EmailState
from onsite.models import Notification, NotificationMute, StaffProfile
from onsite.queueing import after_commit

logger = logging.getLogger(__name__)
STALE_CLAIM = timedelta(minutes=10)


def _language_of(user):
    profile = getattr(user, "profile", None)
    return profile.language if profile else settings.LANGUAGE_CODE


def _languages(users):
    """``{user id: language}`` of many people: profiles already read are used as they are,
    the others read in one query (not one per person)."""
    known, unread = {}, []
    for user in users:
        if user.__class__.profile.is_cached(user):
            known[user.pk] = _language_of(user)
        else:
            unread.append(user.pk)
    if unread:
        known.update(
            StaffProfile.objects.filter(user_id__in=unread).values_list("user_id", "language")
        )
    return {pk: known.get(pk, settings.LANGUAGE_CODE) for pk in {u.pk for u in users}}


def notify(recipients, title, body="", url="", params=None, kind=""):
    """Queue a notification to each recipient (a user or an iterable of users).

    ``title`` and ``body`` are lazy translatable strings; ``params`` fill their
    %(name)s placeholders after translation into each recipient's language. A plain
    string (a person's own words, e.g. a comment) is kept exactly as typed — a "%" in it
    is never taken for a placeholder. ``kind`` (a reminder kind) lets a person mute its
    e-mail; it still shows in the app.
    """
    return notify_many([(recipients, title, body, url, params, kind)])


def notify_many(messages):
    """``notify`` for many messages ``(recipients, title, body, url, params, kind)`` at
    once: one query for the mutes and one insert, whatever their number."""
    messages = [
        ([recipients] if hasattr(recipients, "pk") else [u for u in recipients if u], *rest)
        for recipients, *rest in messages
    ]
    muted = _muted(messages)
    languages = _languages([user for message in messages for user in message[0] if user])
    rows = []
    for recipients, title, body, url, params, kind in messages:
        seen = set()
        for user in recipients:
            if user is None or user.pk in seen or not user.is_active:
                continue
            seen.add(user.pk)
            with translation.override(languages[user.pk]):
                rows.append(
                    Notification(
                        recipient=user,
                        kind=kind,
                        title=_render(title, params or {})[:200],
                        body=_render(body, params or {}) if body else "",
                        url=url,
                        email_state=EmailState.PENDING
                        if user.email and (user.pk, kind) not in muted
                        else EmailState.SKIPPED,
                    )
                )
            _forget_unread(user)
    created = Notification.objects.bulk_create(rows) if rows else []
    ids = [n.pk for n in created if n.email_state == EmailState.PENDING]
    if ids:
        from onsite.tasks import relay_notifications

        after_commit(relay_notifications, ids)
    return created


def _muted(messages):
    """``{(user id, kind)}`` muted among the recipients of messages with a kind (one query)."""
    kinds = {message[5] for message in messages if message[5]}
    if not kinds:
        return set()
    users = {user.pk for message in messages if message[5] for user in message[0] if user}
    return set(
        NotificationMute.objects.filter(kind__in=kinds, user__in=users).values_list(
            "user_id", "kind"
        )
    )


def _render(text, params):
    """A translatable text in the active language with its placeholders filled; a plain
    string as it is."""
    if isinstance(text, Promise):
        return str(text) % params
    return str(text)


def message_id(note):
    """The one Message-ID of a notification's e-mail, the same on every resend."""
    return f"<onsite-notification-{note.pk}@{DNS_NAME}>"


def send_mail(subject, body, recipient, message_id):
    EmailMessage(subject, body, None, [recipient], headers={"Message-ID": message_id}).send()


def relay(notification_id, now=None):
    """E-mail one notification if nobody else has; returns True if this call sent it."""
    now = now or timezone.now()
    claimed = Notification.objects.filter(
        Q(email_state=EmailState.PENDING)
        | Q(email_state=EmailState.SENDING, email_claimed_at__lt=now - STALE_CLAIM),
        pk=notification_id,
    ).update(
        email_state=EmailState.SENDING, email_claimed_at=now, email_attempts=F("email_attempts") + 1
    )
    if not claimed:
        return False
    note = Notification.objects.select_related("recipient").get(pk=notification_id)
    body = note.body
    if note.url:
        body = f"{body}\n\n{note.url}" if body else note.url
    try:
        send_mail(note.title, body, note.recipient.email, message_id(note))
    except Exception:
        logger.exception("E-mail of notification %s failed", notification_id)
        state = (
            EmailState.FAILED if note.email_attempts >= EMAIL_MAX_ATTEMPTS else EmailState.PENDING
        )
        Notification.objects.filter(pk=notification_id).update(email_state=state)
        return False
    Notification.objects.filter(pk=notification_id).update(
        email_state=EmailState.SENT, emailed_at=timezone.now()
    )
    return True


def pending_ids(now=None, limit=500):
    """Notifications the outbox still owes an e-mail (including abandoned claims)."""
    now = now or timezone.now()
    return list(
        Notification.objects.filter(
            Q(email_state=EmailState.PENDING)
            | Q(email_state=EmailState.SENDING, email_claimed_at__lt=now - STALE_CLAIM)
        )
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )


def unread_count(user):
    """How many of the user's notifications are unread (read with the signed-in user by
    ``auth_backends.signed_in_users``, so a page's header asks no query of its own)."""
    known = getattr(user, "_onsite_unread", None)
    if known is None:
        known = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
        user._onsite_unread = known
    return known


def _forget_unread(user):
    """The count read with the user (this request) is stale once their notifications change."""
    if getattr(user, "_onsite_unread", None) is not None:
        user._onsite_unread = None


def mark_read(user, notification_id=None):
    """Mark one (or all) of the user's notifications read; returns how many changed."""
    rows = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_id is not None:
        rows = rows.filter(pk=notification_id)
    _forget_unread(user)
    return rows.update(read_at=timezone.now())


def set_muted(user, kind, muted):
    """Mute (or unmute) the e-mail of one reminder kind for ``user``; audited."""
    from onsite import audit

    with transaction.atomic():
        if muted:
            _row, changed = NotificationMute.objects.get_or_create(user=user, kind=kind)
        else:
            changed = bool(NotificationMute.objects.filter(user=user, kind=kind).delete()[0])
        if changed:
            audit.record(
                user,
                "onsite.notification.mute" if muted else "onsite.notification.unmute",
                user,
                comment=kind,
            )
    return changed
