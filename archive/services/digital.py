"""Digital loans: a stored file is borrowed like a tape.

Seeing an item (its card) needs only the item's scope; opening or downloading its files
needs, above the collection's direct-download level, a digital loan open now: requested,
approved by the leader in charge (who sets the access window), the digital terms signed
by the borrower, and the window not over. The window ends by itself: every download asks
the database again (so a revoked loan or a withdrawn clearance refuses the very next
request), and a beat sweep moves loans whose window is over to "access ended".

Every download is recorded (``FileDownload``: time, IP, SHA-256 served, loan) and audited;
the file name given carries the loan's number.

Lock order (``onsite.workflow``): the item (``DIGITAL_LOAN.parent``), then the loan.
"""

import logging
from datetime import timedelta
from pathlib import PurePath

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from archive.choices import DIGITAL_LOAN, OPEN_LOAN_STATES, LoanKind, LoanStatus, SignatureMoment
from archive.conf import conf
from archive.models import FileDownload, Item, Loan, Signature
from archive.permissions import needs_digital_loan
from archive.services.items import open_file
from archive.services.loans import fix_receipt
from archive.terms import DIGITAL_TERMS_TEXT, DIGITAL_TERMS_VERSION
from onsite import audit
from onsite.middleware import current_ip
from onsite.names import display_name
from onsite.notifications import notify
from onsite.workflow import WorkflowError

logger = logging.getLogger(__name__)


class DownloadRefused(WorkflowError):
    """The person may see the item but may not open its file now (no open digital loan)."""


def _url(loan):
    return reverse("archive:loan_detail", args=[loan.pk])


def _days(days):
    if days is None:
        return conf.DIGITAL_ACCESS_DAYS
    if not 1 <= days <= conf.MAX_DIGITAL_ACCESS_DAYS:
        raise WorkflowError(
            _("The access window lasts 1 to %(days)s days.")
            % {"days": conf.MAX_DIGITAL_ACCESS_DAYS}
        )
    return days


def request_digital_loan(actor, item, *, purpose, access_days=None):
    """A person who sees the item asks to open its files for a number of days.

    Enforces R2.4-archive-borrow-request, R2.4-no-passing-on.
    """
    days = _days(access_days)
    today = timezone.localdate()

    def build():
        if Loan.objects.filter(
            item=item, borrower=actor, kind=LoanKind.DIGITAL, status__in=OPEN_LOAN_STATES
        ).exists():
            raise WorkflowError(_("You already have an open digital loan of this item."))
        return Loan(
            item=item,
            borrower=actor,
            kind=LoanKind.DIGITAL,
            purpose=purpose,
            needed_from=today,
            return_by=today + timedelta(days=days),
            access_days=days,
        )

    def tell_leaders(loan):
        notify(
            list(item.collection.leaders.exclude(pk=actor.pk)),
            gettext_lazy("Digital loan request for %(item)s by %(borrower)s"),
            gettext_lazy("Please approve or reject the request."),
            _url(loan),
            {"item": item.reference, "borrower": display_name(actor)},
        )

    return DIGITAL_LOAN.create(
        actor,
        "request",
        context=item,
        lock_first=[(Item, item.pk)],
        build=build,
        comment=purpose,
        notify=tell_leaders,
    )


@DIGITAL_LOAN.implements("approve")
def approve_digital_loan(actor, loan, comment="", access_days=None):
    """The leader approves and sets the access window (default: what was asked, or 7 days).

    Enforces R2.4-archive-borrow-approval.
    """
    days = _days(access_days or loan.access_days)

    def set_window(loan):
        loan.access_days = days
        return ["access_days"]

    def tell(loan):
        notify(
            [loan.borrower],
            gettext_lazy("Your digital loan of %(item)s was approved"),
            gettext_lazy("Sign the digital terms to open the file for %(days)s days."),
            _url(loan),
            {"item": loan.item.reference, "days": days},
        )

    return DIGITAL_LOAN.run(actor, loan, "approve", comment=comment, change=set_window, notify=tell)


def _tell_borrower(title):
    def tell(loan):
        notify(
            [loan.borrower],
            title,
            loan.decision_comment,
            _url(loan),
            {"item": loan.item.reference},
        )

    return tell


@DIGITAL_LOAN.implements("reject")
def reject_digital_loan(actor, loan, comment=""):
    """Enforces R2.4-archive-borrow-approval."""
    tell = _tell_borrower(gettext_lazy("Your digital loan of %(item)s was rejected"))
    return DIGITAL_LOAN.run(actor, loan, "reject", comment=comment, notify=tell)


@DIGITAL_LOAN.implements("cancel")
def cancel_digital_loan(actor, loan, comment=""):
    """The borrower (or a custodian) withdraws the request before access opens."""

    def tell(loan):
        others = [u for u in loan.item.collection.leaders.all() if u.pk != actor.pk]
        if loan.borrower_id != actor.pk:
            others.append(loan.borrower)
        notify(
            others,
            gettext_lazy("Digital loan of %(item)s was cancelled"),
            comment,
            _url(loan),
            {"item": loan.item.reference},
        )

    return DIGITAL_LOAN.run(actor, loan, "cancel", comment=comment, notify=tell)


@DIGITAL_LOAN.implements("sign")
def sign_digital_terms(actor, loan, *, signature, comment=""):
    """The borrower signs the digital terms (drawn or password, time and IP): access opens
    for the window the leader set; a receipt with the terms is fixed by its SHA-256.

    Enforces R2.4-borrower-signs, R2.4-no-passing-on.
    """
    signed = []

    def open_access(loan):
        image = signature.verify(loan.borrower)
        now = timezone.now()
        signed.append(
            Signature.objects.create(
                loan=loan,
                moment=SignatureMoment.TERMS,
                method=signature.method,
                signer=loan.borrower,
                image=image,
                signed_at=now,
                ip=current_ip(),
            )
        )
        loan.access_from = now
        loan.access_until = now + timedelta(days=loan.access_days or conf.DIGITAL_ACCESS_DAYS)
        loan.return_by = timezone.localdate(loan.access_until)
        loan.terms_version = DIGITAL_TERMS_VERSION
        with translation.override(settings.LANGUAGE_CODE):
            loan.terms_text = str(DIGITAL_TERMS_TEXT)
        return ["access_from", "access_until", "return_by", "terms_version", "terms_text"]

    def tell(loan):
        until = timezone.localtime(loan.access_until).strftime("%Y-%m-%d %H:%M")
        params = {"item": loan.item.reference, "until": until, "borrower": display_name(actor)}
        notify(
            [loan.borrower],
            gettext_lazy("You may open the files of %(item)s until %(until)s"),
            gettext_lazy("Delete every downloaded file when the window ends."),
            _url(loan),
            params,
        )
        notify(
            list(loan.item.collection.custodians.all()),
            gettext_lazy("%(borrower)s may open the files of %(item)s until %(until)s"),
            "",
            _url(loan),
            params,
        )

    return DIGITAL_LOAN.run(
        actor,
        loan,
        "sign",
        comment=comment,
        change=open_access,
        then=lambda loan: fix_receipt(loan, signed[0], actor),
        notify=tell,
    )


@DIGITAL_LOAN.implements("finish")
def finish_digital_loan(actor, loan, comment=""):
    """The borrower ends their access early, confirming the downloaded files are deleted."""

    def tell(loan):
        notify(
            list(loan.item.collection.custodians.all()),
            gettext_lazy("%(borrower)s ended their access to %(item)s"),
            comment,
            _url(loan),
            {"item": loan.item.reference, "borrower": display_name(loan.borrower)},
        )

    return DIGITAL_LOAN.run(actor, loan, "finish", comment=comment, notify=tell)


@DIGITAL_LOAN.implements("revoke")
def revoke_digital_loan(actor, loan, comment=""):
    """A leader or custodian revokes the loan: the borrower's next request is refused.

    Enforces R2.4-no-passing-on.
    """

    def tell(loan):
        notify(
            [loan.borrower],
            gettext_lazy("Your access to %(item)s was revoked"),
            comment,
            _url(loan),
            {"item": loan.item.reference},
        )

    return DIGITAL_LOAN.run(actor, loan, "revoke", comment=comment, notify=tell)


def end_digital_loans(now=None):
    """Beat: digital loans whose window is over move to "access ended" (each once).

    Access already ends at ``access_until`` without this (``download_loan`` checks the
    time); the sweep makes the lists say so and tells the borrower to delete the files.
    Each loan is claimed by a conditional update, so a second or concurrent run (or a
    revocation at the same moment) changes nothing twice. Returns how many ended.
    """
    now = now or timezone.now()
    ended = 0
    due = Loan.objects.filter(
        kind=LoanKind.DIGITAL, status=LoanStatus.ACCESS, access_until__lte=now
    ).select_related("item", "borrower")
    for loan in due:
        with transaction.atomic():
            if not Loan.objects.filter(pk=loan.pk, status=LoanStatus.ACCESS).update(
                status=LoanStatus.ENDED
            ):
                continue
            ended += 1
            audit.record(
                None,
                DIGITAL_LOAN.audit_action("end"),
                loan,
                from_state=LoanStatus.ACCESS,
                to_state=LoanStatus.ENDED,
                comment=timezone.localtime(loan.access_until).isoformat(timespec="minutes"),
            )
            notify(
                [loan.borrower],
                gettext_lazy("Your access to %(item)s has ended"),
                gettext_lazy("Delete every file you downloaded under this loan now."),
                _url(loan),
                {"item": loan.item.reference},
            )
    if ended:
        logger.info("Ended %d digital loans", ended)
    return ended


def download_loan(user, item, now=None):
    """The digital loan under which ``user`` may open ``item``'s files now; None when the
    item is at or below its collection's direct-download level. Raises ``DownloadRefused``
    otherwise. Reads the database on every call: nothing is remembered between requests.

    Enforces R2.4-archive-borrow-approval, R2.4-no-passing-on.
    """
    if not needs_digital_loan(item):
        return None
    now = now or timezone.now()
    loan = (
        Loan.objects.filter(
            item=item,
            borrower=user,
            kind=LoanKind.DIGITAL,
            status=LoanStatus.ACCESS,
            access_from__lte=now,
            access_until__gt=now,
        )
        .order_by("-access_until")
        .first()
    )
    if loan is None:
        raise DownloadRefused(
            _(
                "Opening this file needs a digital loan: ask to borrow it, and once the "
                "leader in charge approved it, sign the terms."
            )
        )
    return loan


def download_name(item_file, loan):
    """The name the file is given: the loan's number first when it is borrowed."""
    name = PurePath(item_file.original_name).name or "file"
    return f"{loan.number}-{item_file.item.reference}-{name}" if loan else name


def download(actor, item_file, now=None):
    """Open a stored file for ``actor``: the loan is checked, the checksum verified, the
    download recorded (time, IP, SHA-256, loan) and audited. Returns (handle, file name).

    The caller fetched ``item_file`` through ``visible()`` on this request, so a clearance
    withdrawn is a 404 before this is reached. A refusal is audited too.

    Enforces R2.4-no-passing-on, R2.4-recording-integrity.
    """
    item = item_file.item
    try:
        loan = download_loan(actor, item, now)
    except DownloadRefused as refused:
        audit.record(actor, "archive.file.download_refused", item, comment=item_file.original_name)
        raise refused
    handle, digest = open_file(actor, item_file, loan=loan)
    name = download_name(item_file, loan)
    FileDownload.objects.create(
        item_file=item_file,
        item=item,
        loan=loan,
        user=actor,
        downloaded_at=now or timezone.now(),
        ip=current_ip(),
        sha256=digest,
        file_name=name[:255],
    )
    return handle, name
