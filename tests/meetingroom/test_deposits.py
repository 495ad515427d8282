"""Device deposit for classified meetings: handed in and given back per person, audited."""

from django.utils import timezone

from meetingroom import services
from meetingroom.choices import DepositStatus
from onsite.models import AuditEntry
from tests.meetingroom import factories as f


def test_devices_are_handed_in_and_given_back_per_person(cast, login):
    meeting = f.make_meeting(cast.venue, cast.manager, classification=2)
    first = services.deposit_devices(
        cast.staff, meeting, owner_name="王来访", devices="手机", count=2
    )
    services.deposit_devices(cast.staff, meeting, owner_name="李来访", devices="手机、平板")
    services.give_back_devices(cast.manager, first)
    first.refresh_from_db()
    assert first.status == DepositStatus.RETURNED and first.returned_by == cast.manager
    assert first.returned_at <= timezone.now()
    held = meeting.deposits.filter(status=DepositStatus.HELD)
    assert list(held.values_list("owner_name", flat=True)) == ["李来访"]
    actions = AuditEntry.objects.filter(action__startswith="meetingroom.deposit.")
    assert sorted(actions.values_list("action", flat=True)) == [
        "meetingroom.deposit.deposit",
        "meetingroom.deposit.deposit",
        "meetingroom.deposit.give_back",
    ]
    page = login(cast.manager).get(meeting.get_absolute_url()).content.decode()
    assert "李来访" in page
