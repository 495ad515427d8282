"""Company property in custody: hand-over, return and transfer, each signed by both sides;
one holder at a time; each person sees what they hold."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from duties.choices import CustodyStatus, SignatureMoment, SignatureSide
from duties.models import Custody, CustodySignature
from duties.services import property as service
from onsite.models import AuditEntry, Notification
from onsite.signatures import SignatureInput
from onsite.workflow import WorkflowError
from tests.duties.conftest import png_signature
from tests.duties.factories import CustodyFactory, PropertyFactory
from tests.factories import PASSWORD

pytestmark = pytest.mark.rule("R2.3-company-property-custody")


def drawn():
    return SignatureInput.from_data_url(png_signature())


def password_of_signer():
    return SignatureInput(method="password", password=PASSWORD)


def _hand_over(cast, item, holder=None, **kwargs):
    fields = {"condition": "good", "signature": drawn(), "own_password": PASSWORD}
    fields.update(kwargs)
    return service.hand_over_property(cast.hr, item, holder=holder or cast.staff, **fields)


def test_hr_hands_an_item_over_and_both_sides_sign(cast):
    item = PropertyFactory(registered_by=cast.hr, name="ThinkPad 笔记本")
    custody = _hand_over(cast, item, note="含电源适配器")
    assert custody.status == CustodyStatus.HANDED_OVER and custody.holder == cast.staff
    assert custody.condition_out == "good" and custody.note_out == "含电源适配器"
    signed = {(s.side, s.signer.username, s.method) for s in custody.signatures.all()}
    assert signed == {
        (SignatureSide.TAKING, "staff", "drawn"),
        (SignatureSide.GIVING, "hr", "password"),
    }
    assert all(s.moment == SignatureMoment.HAND_OVER for s in custody.signatures.all())
    assert AuditEntry.objects.filter(action="duties.custody.hand_over").exists()
    assert Notification.objects.filter(recipient=cast.staff).exists()


def test_a_wrong_password_or_an_empty_box_hands_nothing_over(cast):
    item = PropertyFactory(registered_by=cast.hr)
    with pytest.raises(WorkflowError):
        _hand_over(cast, item, own_password="wrong")
    blank = SignatureInput(method="drawn", image=b"")
    with pytest.raises(WorkflowError):
        _hand_over(cast, item, signature=blank)
    assert not Custody.objects.exists() and not CustodySignature.objects.exists()


def test_an_item_has_one_holder_at_a_time(cast):
    item = PropertyFactory(registered_by=cast.hr)
    _hand_over(cast, item)
    with pytest.raises(WorkflowError):
        _hand_over(cast, item, holder=cast.manager)


def test_only_hr_hands_over_and_takes_back(cast):
    item = PropertyFactory(registered_by=cast.hr)
    with pytest.raises(PermissionDenied):
        service.hand_over_property(
            cast.supervisor,
            item,
            holder=cast.staff,
            condition="good",
            signature=drawn(),
            own_password=PASSWORD,
        )
    custody = _hand_over(cast, item)
    with pytest.raises(PermissionDenied):
        service.return_property(
            cast.staff, custody, condition="good", signature=drawn(), own_password=PASSWORD
        )


def test_the_return_records_the_condition_and_both_signatures(cast):
    custody = _hand_over(cast, PropertyFactory(registered_by=cast.hr))
    service.return_property(
        cast.hr,
        custody,
        condition="damaged",
        signature=password_of_signer(),
        own_password=PASSWORD,
        note="屏幕有划痕",
    )
    custody.refresh_from_db()
    assert custody.status == CustodyStatus.RETURNED
    assert custody.condition_in == "damaged" and custody.note_in == "屏幕有划痕"
    assert custody.closed_by == cast.hr
    returned = custody.signatures.filter(moment=SignatureMoment.RETURN)
    assert {(s.side, s.signer.username) for s in returned} == {
        (SignatureSide.GIVING, "staff"),
        (SignatureSide.TAKING, "hr"),
    }


def test_a_transfer_passes_the_item_on_signed_by_both_holders(cast):
    custody = _hand_over(cast, PropertyFactory(registered_by=cast.hr))
    with pytest.raises(WorkflowError):
        service.transfer_property(
            cast.staff,
            custody,
            to=cast.manager,
            condition="good",
            signature=drawn(),
            holder_password="wrong",
        )
    service.transfer_property(
        cast.staff,
        custody,
        to=cast.manager,
        condition="good",
        signature=drawn(),
        holder_password=PASSWORD,
    )
    custody.refresh_from_db()
    assert custody.status == CustodyStatus.TRANSFERRED
    successor = Custody.objects.get(previous=custody)
    assert successor.holder == cast.manager and successor.status == CustodyStatus.HANDED_OVER
    transfer = custody.signatures.filter(moment=SignatureMoment.TRANSFER)
    assert {(s.side, s.signer.username) for s in transfer} == {
        (SignatureSide.GIVING, "staff"),
        (SignatureSide.TAKING, "manager"),
    }
    assert AuditEntry.objects.filter(action="duties.custody.transferred_in").exists()
    with pytest.raises(PermissionDenied):
        service.transfer_property(
            cast.staff,
            successor,
            to=cast.staff,
            condition="good",
            signature=drawn(),
            holder_password=PASSWORD,
        )


def test_each_person_sees_what_they_hold(cast, login):
    mine = CustodyFactory(holder=cast.staff, handed_over_by=cast.hr)
    theirs = CustodyFactory(holder=cast.outsider, handed_over_by=cast.hr)
    page = login(cast.staff).get(reverse("duties:custody_list"))
    assert list(page.context["page"].object_list) == [mine]
    assert login(cast.staff).get(theirs.get_absolute_url()).status_code == 404
    assert login(cast.supervisor).get(mine.get_absolute_url()).status_code == 200
    assert login(cast.supervisor).get(theirs.get_absolute_url()).status_code == 404
    everyone = login(cast.hr).get(reverse("duties:custody_list"), {"team": "1"})
    assert set(everyone.context["page"].object_list) == {mine, theirs}


def test_handing_over_on_the_page_with_a_drawn_signature(cast, login):
    item = PropertyFactory(registered_by=cast.hr)
    client = login(cast.hr)
    url = reverse("duties:custody_hand_over", args=[item.pk])
    assert client.get(url).status_code == 200
    refused = client.post(
        url,
        {
            "holder": cast.staff.pk,
            "condition": "good",
            "method": "drawn",
            "signature": png_signature(),
            "own_password": "wrong",
        },
    )
    assert refused.status_code == 400
    assert AuditEntry.objects.filter(action="duties.custody.signing_refused").exists()
    done = client.post(
        url,
        {
            "holder": cast.staff.pk,
            "condition": "good",
            "method": "drawn",
            "signature": png_signature(),
            "own_password": PASSWORD,
        },
    )
    assert done.status_code == 302
    custody = Custody.objects.get(item=item)
    page = login(cast.staff).get(custody.get_absolute_url())
    assert page.content.decode().count("data:image/png;base64,") == 1
