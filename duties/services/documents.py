"""Company documents and items: sent to people, departments or sites; each recipient signs
for it and answers it; objections get the sender's reply; silence at the deadline counts as
acceptance; a revision asks everyone again."""

import logging
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duties.choices import (
    DOCUMENT,
    RECEIPT,
    SILENT_RECEIPT_STATES,
    DocumentStatus,
    ReceiptStatus,
)
from duties.models import CompanyDocument, Receipt
from duties.permissions import is_hr, supervised
from duties.services import files
from duties.services.common import name
from onsite import audit
from onsite.models import Assignment
from onsite.notifications import notify
from onsite.workflow import WorkflowError, lock

logger = logging.getLogger(__name__)


def _deadline_text(document):
    return timezone.localtime(document.deadline).strftime("%Y-%m-%d %H:%M")


def recipients_for(actor, *, people=(), departments=(), sites=(), day=None):
    """The active people a document reaches: the people named, the staff of the departments,
    and the staff assigned to the sites on ``day``. A supervisor reaches only the people of
    the departments they supervise; HR reaches everyone. The sender is left out."""
    day = day or timezone.localdate()
    at_sites = Assignment.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=day), site__in=list(sites), start_date__lte=day
    ).values("user_id")
    reached = (
        get_user_model()
        .objects.filter(
            Q(pk__in=[person.pk for person in people])
            | Q(profile__department__in=list(departments))
            | Q(pk__in=at_sites),
            is_active=True,
            profile__isnull=False,
        )
        .exclude(pk=actor.pk)
    )
    if not is_hr(actor):
        reached = reached.filter(profile__department_id__in=supervised(actor))
    return list(reached.order_by("pk"))


def send_document(
    actor,
    *,
    title,
    deadline,
    kind="document",
    body="",
    classification=0,
    attachment=None,
    people=(),
    departments=(),
    sites=(),
    comment="",
):
    """HR or a supervisor sends a document or an item; every person reached gets a receipt
    to sign and answer by the deadline, and a notification.

    Enforces R2.3-sign-for-documents, R2.3-answer-documents.
    """
    if deadline <= timezone.now():
        raise WorkflowError(_("The deadline must be in the future."))
    if not body.strip() and attachment is None:
        raise WorkflowError(_("Write the text or attach the document."))
    reached = []

    def build():
        reached.extend(recipients_for(actor, people=people, departments=departments, sites=sites))
        if not reached:
            raise WorkflowError(_("Nobody you may send to is among the recipients."))
        document = CompanyDocument(
            title=title,
            kind=kind,
            body=body,
            classification=classification,
            deadline=deadline,
            sender=actor,
        )
        if attachment is not None:
            files.store(document, attachment)
        return document

    def address(document):
        document.departments.set(departments)
        document.sites.set(sites)
        Receipt.objects.bulk_create(
            [Receipt(document=document, recipient=person) for person in reached]
        )

    def tell(document):
        notify(
            reached,
            gettext_lazy("Please sign for %(title)s and answer by %(deadline)s"),
            gettext_lazy("Sent by %(sender)s. Silence at the deadline counts as acceptance."),
            document.get_absolute_url(),
            {"title": title, "deadline": _deadline_text(document), "sender": name(actor)},
        )

    return DOCUMENT.create(actor, "send", build=build, comment=comment, then=address, notify=tell)


@DOCUMENT.implements("revise")
def revise_document(actor, document, *, body, deadline, title=None, attachment=None, comment=""):
    """The sender revises the document: its revision goes up and every recipient is asked
    again to sign and answer (earlier answers stay in the audit trail).

    Enforces R2.3-sign-for-documents, R2.3-answer-documents.
    """
    if deadline <= timezone.now():
        raise WorkflowError(_("The deadline must be in the future."))
    now = timezone.now()

    def change(document):
        document.body = body
        document.deadline = deadline
        document.title = title or document.title
        document.revision += 1
        document.revised_at = now
        fields = ["body", "deadline", "title", "revision", "revised_at"]
        if attachment is not None:
            files.store(document, attachment)
            fields += ["file", "original_name", "size", "sha256"]
        return fields

    def ask_again(document):
        document.receipts.update(
            status=ReceiptStatus.SENT,
            revision=document.revision,
            signed_at=None,
            answered_at=None,
            answer_note="",
            explanation="",
            reply="",
            replied_by=None,
            replied_at=None,
            deemed_at=None,
        )

    def tell(document):
        notify(
            _recipients(document),
            gettext_lazy("%(title)s was revised: please sign and answer again by %(deadline)s"),
            comment,
            document.get_absolute_url(),
            {"title": document.title, "deadline": _deadline_text(document)},
        )

    return DOCUMENT.run(
        actor, document, "revise", comment=comment, change=change, then=ask_again, notify=tell
    )


def _recipients(document):
    User = get_user_model()
    return list(User.objects.filter(document_receipts__document=document))


@DOCUMENT.implements("withdraw")
def withdraw_document(actor, document, comment=""):
    """The sender withdraws the document; nobody signs for it or answers it any more."""

    def tell(document):
        notify(
            _recipients(document),
            gettext_lazy("%(title)s was withdrawn"),
            comment,
            document.get_absolute_url(),
            {"title": document.title},
        )

    return DOCUMENT.run(actor, document, "withdraw", comment=comment, notify=tell)


# --- Receipts ------------------------------------------------------------------------------
@RECEIPT.guard("object")
def _before_the_deadline(receipt, user, now):
    if now >= receipt.document.deadline:
        return _("The deadline has passed: the document counts as accepted.")
    return None


@RECEIPT.implements("sign")
def sign_receipt(actor, receipt, comment=""):
    """The recipient signs for the document (time and IP in the audit entry).

    Enforces R2.3-sign-for-documents.
    """

    def stamp(receipt):
        receipt.signed_at = timezone.now()
        return ["signed_at"]

    return RECEIPT.run(actor, receipt, "sign", comment=comment, change=stamp)


def _answered(receipt):
    receipt.answered_at = timezone.now()
    return ["answered_at"]


@RECEIPT.implements("accept")
def accept_receipt(actor, receipt, comment=""):
    """The recipient will carry the document out in full.

    Enforces R2.3-answer-documents.
    """
    return RECEIPT.run(actor, receipt, "accept", comment=comment, change=_answered)


@RECEIPT.implements("object")
def object_to_receipt(actor, receipt, comment=""):
    """The recipient cannot (fully) carry it out: a written explanation goes to the sender,
    who must reply. Only before the deadline.

    Enforces R2.3-written-exception.
    """

    def tell(receipt):
        document = receipt.document
        notify(
            [document.sender],
            gettext_lazy("%(name)s cannot fully carry out %(title)s"),
            receipt.explanation,
            receipt.get_absolute_url(),
            {"name": name(receipt.recipient), "title": document.title},
        )

    return RECEIPT.run(actor, receipt, "object", comment=comment, change=_answered, notify=tell)


@RECEIPT.implements("reply")
def reply_to_receipt(actor, receipt, comment=""):
    """The sender replies (批复) to a written explanation; the recipient is told.

    Enforces R2.3-written-exception.
    """

    def tell(receipt):
        notify(
            [receipt.recipient],
            gettext_lazy("Reply to your explanation on %(title)s"),
            receipt.reply,
            receipt.get_absolute_url(),
            {"title": receipt.document.title},
        )

    return RECEIPT.run(actor, receipt, "reply", comment=comment, notify=tell)


def deem_silent_receipts(now=None):
    """Beat: every recipient still silent at the deadline counts as having accepted.

    Per document, in one transaction: the document row is locked (as every transition of
    its receipts does first), its state and deadline checked again, then each receipt is
    claimed with a conditional UPDATE on its own columns (still silent, same revision) —
    so however often and however concurrently this runs, a receipt is deemed accepted once,
    with its audit entry and its notification in the same transaction. Returns how many.

    Enforces R2.3-deemed-accepted.
    """
    now = now or timezone.now()
    due = defaultdict(list)
    for document_id, pk, status, revision in Receipt.objects.filter(
        status__in=SILENT_RECEIPT_STATES,
        document__status=DocumentStatus.SENT,
        document__deadline__lte=now,
    ).values_list("document_id", "pk", "status", "revision"):
        due[document_id].append((pk, status, revision))
    deemed = sum(_deem(document_id, rows, now) for document_id, rows in due.items())
    if deemed:
        logger.info("Deemed %d silent receipts accepted", deemed)
    return deemed


def _deem(document_id, rows, now):
    with transaction.atomic():
        try:
            document = lock(CompanyDocument, document_id)
        except CompanyDocument.DoesNotExist:
            return 0
        if document.status != DocumentStatus.SENT or document.deadline > now:
            return 0  # withdrawn or revised with a later deadline meanwhile
        claimed = {}
        for pk, status, revision in rows:
            if Receipt.objects.filter(pk=pk, status=status, revision=revision).update(
                status=ReceiptStatus.DEEMED, deemed_at=now
            ):
                claimed[pk] = status
        receipts = Receipt.objects.filter(pk__in=claimed).select_related("recipient")
        for receipt in receipts:
            receipt.document = document
            _record_deemed(receipt, claimed[receipt.pk])
    return len(claimed)


def _record_deemed(receipt, before):
    document = receipt.document
    audit.record(
        None,
        RECEIPT.audit_action("deem"),
        receipt,
        from_state=before,
        to_state=ReceiptStatus.DEEMED,
        comment=_deadline_text(document),
    )
    notify(
        [receipt.recipient],
        gettext_lazy("%(title)s now counts as accepted by you"),
        gettext_lazy(
            "You gave no written explanation by the deadline (%(deadline)s), so you are "
            "deemed to accept it fully and to carry it out."
        ),
        receipt.get_absolute_url(),
        {"title": document.title, "deadline": _deadline_text(document)},
    )


def receipt_counts(document):
    """{status: how many} of a document's receipts (one query)."""
    counts = dict.fromkeys(ReceiptStatus.values, 0)
    for row in document.receipts.order_by().values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    return counts
