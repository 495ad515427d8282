"""Company property in custody: handed to a person with its condition, returned or
transferred — each change of hands signed by both sides (``onsite.signatures``)."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duties.choices import CUSTODY, CustodyStatus, PropertyCondition, SignatureMoment, SignatureSide
from duties.models import Custody, CustodySignature, PropertyItem
from duties.services.common import name
from onsite import audit
from onsite.choices import SignatureMethod
from onsite.middleware import current_ip
from onsite.notifications import notify
from onsite.permissions import require
from onsite.signatures import SignatureInput
from onsite.workflow import WorkflowError


@transaction.atomic
def register_property(actor, *, asset_no, name, kind, description="", **extra):
    """HR enters an item of company property in the register.

    Enforces R2.3-company-property-custody.
    """
    require(actor, "duties.manage_property")
    if PropertyItem.objects.filter(asset_no=asset_no).exists():
        raise WorkflowError(_("This asset number is already registered."))
    item = PropertyItem.objects.create(
        asset_no=asset_no, name=name, kind=kind, description=description, registered_by=actor
    )
    audit.record(actor, "duties.property.register", item)
    return item


def own_signature(password):
    """The signature of the person signed in: their re-entered password."""
    return SignatureInput(method=SignatureMethod.PASSWORD, password=password or "")


def _condition(value):
    if value not in PropertyCondition.values:
        raise WorkflowError(_("Record the condition of the item."))
    return value


def _sign(custody, moment, side, signer, given):
    """Verify one side's signature and keep it with the time and the IP."""
    image = given.verify(signer)
    return CustodySignature.objects.create(
        custody=custody,
        moment=moment,
        side=side,
        signer=signer,
        method=given.method,
        image=image,
        signed_at=timezone.now(),
        ip=current_ip(),
    )


def hand_over_property(
    actor, item, *, holder, condition, signature, own_password, note="", comment=""
):
    """HR hands an item to a person: its condition is recorded; the person receiving signs
    (drawn or their password) and the person handing over re-enters their password.

    Enforces R2.3-company-property-custody.
    """
    if holder.pk == actor.pk:
        raise WorkflowError(_("Hand the item to someone else."))
    condition = _condition(condition)

    def build():
        if Custody.objects.filter(item=item, status=CustodyStatus.HANDED_OVER).exists():
            raise WorkflowError(_("This item is in someone's custody: take it back first."))
        return Custody(
            item=item,
            holder=holder,
            handed_over_by=actor,
            handed_over_at=timezone.now(),
            condition_out=condition,
            note_out=note,
        )

    def signatures(custody):
        _sign(custody, SignatureMoment.HAND_OVER, SignatureSide.TAKING, holder, signature)
        _sign(
            custody,
            SignatureMoment.HAND_OVER,
            SignatureSide.GIVING,
            actor,
            own_signature(own_password),
        )

    def tell(custody):
        notify(
            [holder],
            gettext_lazy("%(item)s is now in your custody"),
            gettext_lazy("Handed over by %(name)s; keep it safe and return it when asked."),
            custody.get_absolute_url(),
            {"item": str(item), "name": name(actor)},
        )

    try:
        return CUSTODY.create(
            actor,
            "hand_over",
            context=item,
            lock_first=[(PropertyItem, item.pk)],
            build=build,
            comment=comment or note,
            then=signatures,
            notify=tell,
        )
    except IntegrityError:
        raise WorkflowError(_("This item is in someone's custody: take it back first.")) from None


@CUSTODY.implements("return")
def return_property(actor, custody, *, condition, signature, own_password, note="", comment=""):
    """HR takes an item back: its condition is recorded; the holder signs (drawn or their
    password) and the person receiving it re-enters their password.

    Enforces R2.3-company-property-custody.
    """
    condition = _condition(condition)

    def take_back(custody):
        custody.condition_in = condition
        custody.note_in = note
        _sign(custody, SignatureMoment.RETURN, SignatureSide.GIVING, custody.holder, signature)
        _sign(
            custody,
            SignatureMoment.RETURN,
            SignatureSide.TAKING,
            actor,
            own_signature(own_password),
        )
        return ["condition_in", "note_in"]

    def tell(custody):
        notify(
            [custody.holder],
            gettext_lazy("Return of %(item)s recorded"),
            "",
            custody.get_absolute_url(),
            {"item": str(custody.item)},
        )

    return CUSTODY.run(
        actor, custody, "return", comment=comment or note, change=take_back, notify=tell
    )


@CUSTODY.implements("transfer")
def transfer_property(
    actor, custody, *, to, condition, signature, holder_password, note="", comment=""
):
    """The item passes from its holder to another person: the new holder signs (drawn or
    their password), the present holder re-enters their password; a new custody begins.

    Enforces R2.3-company-property-custody.
    """
    condition = _condition(condition)
    if to is None or to.pk == custody.holder_id or not to.is_active:
        raise WorkflowError(_("Choose another active person to take the item."))
    giver = custody.holder

    def close(custody):
        custody.condition_in = condition
        custody.note_in = note
        giving = own_signature(holder_password)
        _sign(custody, SignatureMoment.TRANSFER, SignatureSide.GIVING, giver, giving)
        _sign(custody, SignatureMoment.TRANSFER, SignatureSide.TAKING, to, signature)
        return ["condition_in", "note_in"]

    def tell(custody):
        notify(
            [to, giver],
            gettext_lazy("%(item)s passed from %(old)s to %(new)s"),
            note,
            custody.get_absolute_url(),
            {"item": str(custody.item), "old": name(giver), "new": name(to)},
        )

    return CUSTODY.run(
        actor,
        custody,
        "transfer",
        comment=comment or note,
        change=close,
        then=lambda custody: _open_next(actor, custody, to, condition, note),
        notify=tell,
    )


def record_refused_signing(actor, obj, error):
    """A refused change of hands (a wrong password, an empty box) stays in the audit trail."""
    audit.record(actor, "duties.custody.signing_refused", obj, comment=str(error))


def _open_next(actor, custody, to, condition, note):
    """The custody that a transfer begins: the new holder's, linked to the one it ends."""
    successor = Custody.objects.create(
        item=custody.item,
        holder=to,
        handed_over_by=custody.holder,
        handed_over_at=timezone.now(),
        condition_out=condition,
        note_out=note,
        previous=custody,
    )
    audit.record(
        actor,
        "duties.custody.transferred_in",
        successor,
        to_state=CustodyStatus.HANDED_OVER,
        comment=name(custody.holder),
    )
    return successor
