"""Company property in custody and requests a vice president decides."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from onsite.workflow import INITIAL, Transition, Workflow


# --- Company property in custody -----------------------------------------------------------
class PropertyKind(models.TextChoices):
    LAPTOP = "laptop", _("Laptop")
    PHONE = "phone", _("Phone")
    TOOLKIT = "toolkit", _("Tool kit")
    BADGE = "badge", _("Badge or key")
    INSTRUMENT = "instrument", _("Instrument")
    OTHER = "other", _("Other")


class PropertyCondition(models.TextChoices):
    GOOD = "good", _("Good")
    WORN = "worn", _("Worn but usable")
    DAMAGED = "damaged", _("Damaged")
    INCOMPLETE = "incomplete", _("Incomplete")


class CustodyStatus(models.TextChoices):
    HANDED_OVER = "handed_over", _("In custody")
    RETURNED = "returned", _("Returned")
    TRANSFERRED = "transferred", _("Transferred")


class SignatureMoment(models.TextChoices):
    HAND_OVER = "hand_over", _("Hand-over")
    RETURN = "return", _("Return")
    TRANSFER = "transfer", _("Transfer")


class SignatureSide(models.TextChoices):
    GIVING = "giving", _("Handing over")
    TAKING = "taking", _("Receiving")


CUSTODY = Workflow(
    "duties.custody",
    "duties.Custody",
    parent="item",  # a property item before its custody records: one holder at a time
    labels=dict(CustodyStatus.choices),
    tones={"handed_over": "approved", "returned": "done", "transferred": "done"},
    transitions=[
        Transition(
            "hand_over",
            source=[INITIAL],
            target=CustodyStatus.HANDED_OVER,
            rule="duties.hand_over_property",
        ),
        Transition(
            "return",
            source=[CustodyStatus.HANDED_OVER],
            target=CustodyStatus.RETURNED,
            rule="duties.take_back_property",
            label=_("Take back"),
            url_name="duties:custody_return",
            stamp=("closed_by", "closed_at"),
        ),
        Transition(
            "transfer",
            source=[CustodyStatus.HANDED_OVER],
            target=CustodyStatus.TRANSFERRED,
            rule="duties.transfer_property",
            label=_("Transfer"),
            url_name="duties:custody_transfer",
            stamp=("closed_by", "closed_at"),
        ),
    ],
)


# --- Requests a vice president decides (e.g. a higher communication allowance) -----------
class VPRequestKind(models.TextChoices):
    COMMUNICATION = "communication", _("Higher communication allowance")
    OTHER = "other", _("Other matter reserved for a vice president")


class VPRequestStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for the supervisor's statement")
    STATED = "stated", _("Waiting for the vice president")
    APPROVED = "approved", pgettext_lazy("vp request", "Approved")
    REJECTED = "rejected", pgettext_lazy("vp request", "Rejected")
    WITHDRAWN = "withdrawn", pgettext_lazy("vp request", "Withdrawn")


VP_REQUEST = Workflow(
    "duties.vp_request",
    "duties.VPRequest",
    url_name="duties:vp_request_action",
    labels=dict(VPRequestStatus.choices),
    tones={
        "submitted": "waiting",
        "stated": "waiting",
        "approved": "approved",
        "rejected": "rejected",
        "withdrawn": "cancelled",
    },
    transitions=[
        Transition(
            "submit",
            source=[INITIAL],
            target=VPRequestStatus.SUBMITTED,
            rule="duties.submit_vp_request",
        ),
        Transition(
            "state",
            source=[VPRequestStatus.SUBMITTED],
            target=VPRequestStatus.STATED,
            rule="duties.state_vp_request",
            label=_("Add the supervisor's statement"),
            title=_("The supervisor's statement"),
            question=_("Explain the request to the vice president (说明)."),
            comment_required=True,
            comment_field="supervisor_statement",
            stamp=("stated_by", "stated_at"),
        ),
        Transition(
            "approve",
            source=[VPRequestStatus.STATED],
            target=VPRequestStatus.APPROVED,
            rule="duties.decide_vp_request",
            label=pgettext_lazy("vp request", "Approve"),
            title=_("Approve the request"),
            question=_("It applies from now on; the person and the supervisor are told."),
            comment_field="decision_comment",
            stamp=("decided_by", "decided_at"),
        ),
        Transition(
            "reject",
            source=[VPRequestStatus.STATED],
            target=VPRequestStatus.REJECTED,
            rule="duties.decide_vp_request",
            label=pgettext_lazy("vp request", "Reject"),
            title=_("Reject the request"),
            question=_("Say why; the person and the supervisor are told."),
            comment_required=True,
            comment_field="decision_comment",
            stamp=("decided_by", "decided_at"),
            danger=True,
        ),
        Transition(
            "withdraw",
            source=[VPRequestStatus.SUBMITTED, VPRequestStatus.STATED],
            target=VPRequestStatus.WITHDRAWN,
            rule="duties.withdraw_vp_request",
            label=pgettext_lazy("vp request", "Withdraw"),
            title=_("Withdraw the request"),
            danger=True,
        ),
    ],
)
