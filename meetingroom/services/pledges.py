"""Confidentiality pledges: signed in the portal or uploaded as a scan; validity dates."""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from meetingroom.choices import PLEDGE, PledgeMethod, PledgeStatus
from meetingroom.conf import conf
from meetingroom.models import Pledge
from meetingroom.pledge_text import PLEDGE_TEXT, PLEDGE_VERSION
from onsite import audit, uploads
from onsite.middleware import current_ip
from onsite.names import display_name
from onsite.notifications import notify
from onsite.storage import sha256_of
from onsite.workflow import WorkflowError


def valid_pledges(day):
    """Pledges valid on ``day`` (a queryset to filter by person)."""
    return Pledge.objects.filter(
        status=PledgeStatus.SIGNED, signed_on__lte=day, valid_until__gte=day
    )


def has_valid_pledge(person, day, until=None):
    """``person`` holds a pledge valid on ``day`` (and still valid on ``until`` if given)."""
    pledges = valid_pledges(day).filter(person=person)
    if until:
        pledges = pledges.filter(valid_until__gte=until)
    return pledges.exists()


def _pledge_text():
    with translation.override(settings.LANGUAGE_CODE):
        return str(PLEDGE_TEXT)


def sign_pledge(actor, *, signature, now=None):
    """The person signs the current pledge text in the portal (drawn or password).

    Valid for ``MEETINGROOM_PLEDGE_VALID_DAYS`` from today; text and version are kept.

    Enforces R2.4-confidentiality-pledge.
    """
    today = timezone.localdate(now)

    def build():
        image = signature.verify(actor)
        return Pledge(
            person=actor,
            version=PLEDGE_VERSION,
            text=_pledge_text(),
            method=PledgeMethod(signature.method),
            signature=image,
            signed_on=today,
            valid_until=today + timedelta(days=conf.PLEDGE_VALID_DAYS),
            recorded_by=actor,
            ip=current_ip(),
        )

    User = get_user_model()
    return PLEDGE.create(
        actor,
        "sign",
        context=None,
        lock_first=[(User, actor.pk)],
        build=build,
        comment=PLEDGE_VERSION,
    )


def upload_pledge(actor, person, *, scan, signed_on, valid_until):
    """A scan of a pledge signed on paper, stored privately with its SHA-256.

    Enforces R2.4-confidentiality-pledge.
    """
    if valid_until < signed_on:
        raise WorkflowError(_("A pledge cannot end before it was signed."))
    uploads.check(scan, kinds=uploads.SCANS, max_bytes=conf.MAX_SCAN_BYTES)

    def build():
        pledge = Pledge(
            person=person,
            version=PLEDGE_VERSION,
            text=_pledge_text(),
            method=PledgeMethod.SCAN,
            scan_sha256=sha256_of(scan),
            signed_on=signed_on,
            valid_until=valid_until,
            recorded_by=actor,
            ip=current_ip(),
        )
        pledge.scan.save(scan.name, scan, save=False)
        with pledge.scan.storage.open(pledge.scan.name, "rb") as stored:
            if sha256_of(stored) != pledge.scan_sha256:
                pledge.scan.storage.delete(pledge.scan.name)
                raise WorkflowError(_("The file was not stored intact; please upload it again."))
        return pledge

    def tell(pledge):
        if person.pk != actor.pk:
            notify(
                [person],
                gettext_lazy("Your confidentiality pledge was recorded (valid until %(date)s)"),
                "",
                reverse("meetingroom:pledge_detail", args=[pledge.pk]),
                {"date": valid_until.isoformat()},
            )

    User = get_user_model()
    return PLEDGE.create(
        actor,
        "upload",
        context=person,
        lock_first=[(User, person.pk)],
        build=build,
        comment=f"{signed_on.isoformat()}–{valid_until.isoformat()}",
        notify=tell,
    )


@PLEDGE.implements("withdraw")
def withdraw_pledge(actor, pledge, comment=""):
    """Enforces R2.4-confidentiality-pledge."""

    def tell(pledge):
        notify(
            [pledge.person],
            gettext_lazy("Your confidentiality pledge was withdrawn"),
            pledge.withdrawal_reason,
            reverse("meetingroom:pledge_detail", args=[pledge.pk]),
        )

    return PLEDGE.run(actor, pledge, "withdraw", comment=comment, notify=tell)


def read_scan(actor, pledge):
    """The stored scan, after its SHA-256 matched; the read (or the mismatch) is audited."""
    try:
        with pledge.scan.storage.open(pledge.scan.name, "rb") as handle:
            content = handle.read()
    except (FileNotFoundError, ValueError):
        content = None
    if content is None or hashlib.sha256(content).hexdigest() != pledge.scan_sha256:
        audit.record(actor, "meetingroom.pledge.scan_mismatch", pledge, comment=pledge.scan_sha256)
        raise WorkflowError(_("The scan does not match its recorded checksum; it was not shown."))
    audit.record(actor, "meetingroom.pledge.scan_read", pledge)
    return content


def pledge_name(pledge):
    return display_name(pledge.person)
