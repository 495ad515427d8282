"""What the archive puts on a person's "Waiting for me" list (``onsite.waiting``): loans
to decide (leaders), hand-overs and returns due (custodians), one's own loan to return.
One query each (its words are the archive catalogue's own)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from archive.choices import LOAN, LoanStatus
from archive.models import Loan
from archive.permissions import kept_collection_ids, led_collection_ids
from onsite.names import display_name
from onsite.waiting import Waiting, provider


def _loans(state, collections, user):
    return (
        Loan.objects.filter(status=state, item__collection_id__in=collections)
        .exclude(borrower=user)
        .select_related("item", "borrower")
    )


@provider
def loans_to_decide(user, now):
    led = led_collection_ids(user)
    if not led:
        return []
    return [
        Waiting(
            str(loan),
            loan.get_absolute_url(),
            loan.requested_at,
            LOAN.transition("approve").label,
            display_name(loan.borrower),
        )
        for loan in _loans(LoanStatus.REQUESTED, led, user)
    ]


@provider
def loans_to_hand_over(user, now):
    kept = kept_collection_ids(user)
    if not kept:
        return []
    return [
        Waiting(
            str(loan),
            loan.get_absolute_url(),
            loan.decided_at or loan.requested_at,
            _("Hand over"),
            display_name(loan.borrower),
        )
        for loan in _loans(LoanStatus.APPROVED, kept, user)
    ]


@provider
def returns_due(user, now):
    """Loans due back by today: the custodian takes them back."""
    kept = kept_collection_ids(user)
    if not kept:
        return []
    today = timezone.localdate(now)
    rows = _loans(LoanStatus.HANDED_OVER, kept, user).filter(return_by__lte=today)
    return [
        Waiting(
            str(loan),
            loan.get_absolute_url(),
            loan.return_by,
            _("Take back"),
            display_name(loan.borrower),
        )
        for loan in rows
    ]


@provider
def my_loans_due(user, now):
    """One's own borrowed items due back by today."""
    today = timezone.localdate(now)
    rows = Loan.objects.filter(
        borrower=user, status=LoanStatus.HANDED_OVER, return_by__lte=today
    ).select_related("item")
    return [
        Waiting(str(loan), loan.get_absolute_url(), loan.return_by, _("Return")) for loan in rows
    ]
