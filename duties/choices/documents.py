"""Company documents and their receipts (文件签收): statuses and workflows."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from onsite.workflow import INITIAL, Transition, Workflow


# --- Company documents and their receipts (文件签收) -------------------------------------
class DocumentKind(models.TextChoices):
    DOCUMENT = "document", _("Document")
    ITEM = "item", _("Item")


class DocumentStatus(models.TextChoices):
    SENT = "sent", pgettext_lazy("document", "Sent")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ReceiptStatus(models.TextChoices):
    SENT = "sent", _("Waiting for signature")
    SIGNED = "signed", _("Signed for")
    ACCEPTED = "accepted", _("Will carry it out")
    OBJECTED = "objected", _("Cannot fully carry it out")
    REPLIED = "replied", _("Explanation answered")
    DEEMED = "deemed", _("Deemed accepted")


# Receipts not answered yet: at the deadline they count as accepted (R2.3-deemed-accepted).
SILENT_RECEIPT_STATES = (ReceiptStatus.SENT, ReceiptStatus.SIGNED)

DOCUMENT = Workflow(
    "duties.document",
    "duties.CompanyDocument",
    url_name="duties:document_action",
    labels=dict(DocumentStatus.choices),
    tones={"sent": "approved", "withdrawn": "cancelled"},
    transitions=[
        Transition(
            "send", source=[INITIAL], target=DocumentStatus.SENT, rule="duties.send_document"
        ),
        Transition(
            "revise",
            source=[DocumentStatus.SENT],
            target=DocumentStatus.SENT,
            rule="duties.revise_document",
            label=_("Revise"),
            url_name="duties:document_revise",
        ),
        Transition(
            "withdraw",
            source=[DocumentStatus.SENT],
            target=DocumentStatus.WITHDRAWN,
            rule="duties.revise_document",
            label=_("Withdraw"),
            title=_("Withdraw the document"),
            question=_("Recipients are told; nobody can sign for it or answer it any more."),
            comment_required=True,
            danger=True,
        ),
    ],
)

RECEIPT = Workflow(
    "duties.receipt",
    "duties.Receipt",
    parent="document",  # a document before its receipts: a revision waits for answers in flight
    url_name="duties:receipt_action",
    labels=dict(ReceiptStatus.choices),
    tones={
        "sent": "waiting",
        "signed": "waiting",
        "accepted": "done",
        "objected": "waiting",
        "replied": "done",
        "deemed": "done",
    },
    transitions=[
        Transition(
            "sign",
            source=[ReceiptStatus.SENT],
            target=ReceiptStatus.SIGNED,
            rule="duties.answer_receipt",
            label=_("Sign for it"),
            title=_("Sign for the document"),
            question=_("You confirm you received it. Then answer whether you will carry it out."),
        ),
        Transition(
            "accept",
            source=[ReceiptStatus.SIGNED],
            target=ReceiptStatus.ACCEPTED,
            rule="duties.answer_receipt",
            label=_("Will carry it out"),
            title=_("Carry out the document"),
            question=_("You will carry it out in full."),
            comment_field="answer_note",
        ),
        Transition(
            "object",
            source=[ReceiptStatus.SIGNED],
            target=ReceiptStatus.OBJECTED,
            rule="duties.answer_receipt",
            label=_("Cannot fully carry it out"),
            title=_("Written explanation"),
            question=_(
                "Explain in writing what cannot be carried out and why; the sender replies."
            ),
            comment_required=True,
            comment_field="explanation",
            danger=True,
        ),
        Transition(
            "reply",
            source=[ReceiptStatus.OBJECTED],
            target=ReceiptStatus.REPLIED,
            rule="duties.reply_receipt",
            label=_("Reply"),
            title=_("Reply to the explanation"),
            question=_("Your reply (批复) is sent to the person who explained."),
            comment_required=True,
            comment_field="reply",
            stamp=("replied_by", "replied_at"),
        ),
    ],
)
