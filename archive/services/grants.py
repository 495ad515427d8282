"""Single-item grants (need-to-know): a leader in charge lets one named person see one item
outside their collection grant — an auditor, a lawyer — for a window, with a reason.

A grant is a django-guardian object permission (``ItemGrant``: ``archive.view_item`` on
the item) carrying its window and reason. The item then appears in that person's lists
and search (``permissions.granted_item_ids``, inside the one list query) and nowhere
else; at ``ends_at`` it disappears by itself, and the beat sweep removes the permission
row (so guardian's own checks agree). Giving, revoking and ending are audited on the item.

Lock order (``onsite.workflow``): the item before its grants.
"""

import logging

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from archive.conf import conf
from archive.models import Item, ItemGrant
from archive.permissions import VIEW_ITEM
from onsite import audit
from onsite.names import display_name
from onsite.notifications import notify
from onsite.permissions import require
from onsite.workflow import WorkflowError, lock

logger = logging.getLogger(__name__)


def view_item_permission():
    """The permission a single-item grant gives (Django's ``archive.view_item``)."""
    return Permission.objects.get(
        content_type=ContentType.objects.get_for_model(Item), codename=VIEW_ITEM
    )


def _when(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def _summary(grant):
    window = f"{_when(grant.starts_at)} – {_when(grant.ends_at)}"
    return f"{display_name(grant.user)} · {window} · {grant.reason}"


def _check_window(starts_at, ends_at, now):
    if ends_at <= starts_at:
        raise WorkflowError(_("The grant must end after it starts."))
    if ends_at <= now:
        raise WorkflowError(_("The grant must end in the future."))
    if (ends_at - starts_at).days >= conf.MAX_GRANT_DAYS:
        raise WorkflowError(
            _("A single-item grant lasts less than %(days)s days.") % {"days": conf.MAX_GRANT_DAYS}
        )


@transaction.atomic
def grant_item(actor, item, *, person, reason, starts_at, ends_at, now=None):
    """Let ``person`` see ``item`` from ``starts_at`` until ``ends_at``, for ``reason``.

    Enforces R2.4-classified-shown-to-granted-only.
    """
    now = now or timezone.now()
    item = lock(Item.objects.select_related("collection"), item.pk)
    require(actor, "archive.grant_item", item)
    reason = (reason or "").strip()
    if not reason:
        raise WorkflowError(_("Give the reason."))
    if not person.is_active:
        raise WorkflowError(_("This person's account is not active."))
    _check_window(starts_at, ends_at, now)
    current = ItemGrant.objects.filter(content_object=item, user=person).first()
    if current is not None and current.ends_at > now:
        raise WorkflowError(
            _("%(name)s already has a grant for this item until %(date)s; revoke it first.")
            % {"name": display_name(person), "date": _when(current.ends_at)}
        )
    if current is not None:
        _remove(current, None, "archive.grant.end", _summary(current))
    grant = ItemGrant.objects.create(
        user=person,
        permission=view_item_permission(),
        content_object=item,
        reason=reason,
        starts_at=starts_at,
        ends_at=ends_at,
        granted_by=actor,
    )
    audit.record(actor, "archive.grant.give", item, comment=_summary(grant))
    notify(
        [person],
        gettext_lazy("You may see %(item)s until %(date)s"),
        reason,
        reverse("archive:item_detail", args=[item.pk]),
        {"item": item.reference, "date": _when(ends_at)},
    )
    return grant


def _remove(grant, actor, action, comment):
    ItemGrant.objects.filter(pk=grant.pk).delete()
    audit.record(actor, action, grant.content_object, comment=comment)


@transaction.atomic
def revoke_grant(actor, grant, comment=""):
    """A leader in charge ends a single-item grant now: the person's next request no longer
    shows the item.

    Enforces R2.4-classified-shown-to-granted-only.
    """
    item = lock(Item.objects.select_related("collection"), grant.content_object_id)
    try:
        grant = lock(ItemGrant.objects.select_related("user"), grant.pk)
    except ItemGrant.DoesNotExist:
        raise WorkflowError(_("This grant has already ended.")) from None
    grant.content_object = item
    require(actor, "archive.revoke_grant", grant)
    comment = (comment or "").strip()
    if not comment:
        raise WorkflowError(_("Give the reason."))
    _remove(grant, actor, "archive.grant.revoke", f"{_summary(grant)} · {comment}")
    notify(
        [grant.user],
        gettext_lazy("You may no longer see %(item)s"),
        comment,
        "",
        {"item": item.reference},
    )
    return grant


def end_item_grants(now=None):
    """Beat: remove the permission rows of grants whose window is over (each once, audited).

    The items already vanished from the person's pages at ``ends_at``; this makes
    guardian's own checks agree and writes the end into the item's history. A row is
    claimed by its conditional delete, so a second or concurrent run ends nothing twice.
    """
    now = now or timezone.now()
    ended = 0
    for grant in ItemGrant.objects.filter(ends_at__lte=now).select_related(
        "user", "content_object"
    ):
        with transaction.atomic():
            deleted, _rows = ItemGrant.objects.filter(pk=grant.pk, ends_at__lte=now).delete()
            if deleted:
                ended += 1
                audit.record(
                    None, "archive.grant.end", grant.content_object, comment=_summary(grant)
                )
    if ended:
        logger.info("Ended %d single-item grants", ended)
    return ended
