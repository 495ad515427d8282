"""Training: planned with attendees (reminded, told), attendance recorded once it has begun,
each person's records with certificates."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from duties.choices import TrainingStatus
from duties.models import TrainingRecord
from duties.services import papers as service
from onsite.models import Notification
from onsite.workflow import WorkflowError
from tests.duties.factories import TrainingFactory

pytestmark = pytest.mark.rule("R2.1-training")


def _plan(cast, organiser=None, attendees=None, **kwargs):
    fields = {
        "title": "同声传译系统操作培训",
        "starts_at": timezone.now() + timedelta(days=3),
        "hours": Decimal("3"),
        "place": "公司培训室",
    }
    fields.update(kwargs)
    return service.plan_training(
        organiser or cast.hr, attendees=attendees or [cast.staff, cast.manager], **fields
    )


def test_a_planned_training_tells_its_attendees(cast):
    training = _plan(cast)
    assert training.status == TrainingStatus.PLANNED
    assert set(training.attendees.values_list("username", flat=True)) == {"staff", "manager"}
    told = Notification.objects.filter(title__contains="同声传译")
    assert set(told.values_list("recipient__username", flat=True)) == {"staff", "manager"}


def test_a_supervisor_plans_for_their_departments_people_only(cast):
    with pytest.raises(WorkflowError):
        _plan(cast, organiser=cast.supervisor, attendees=[cast.staff, cast.outsider])
    assert (
        _plan(cast, organiser=cast.supervisor, attendees=[cast.staff]).organiser == cast.supervisor
    )


def test_attendance_is_recorded_once_it_has_begun_for_those_present(cast, time_machine):
    training = _plan(cast)
    with pytest.raises(WorkflowError):
        service.hold_training(cast.hr, training, present=[cast.staff])
    time_machine.move_to(training.starts_at + timedelta(hours=4))
    with pytest.raises(WorkflowError):
        service.hold_training(cast.hr, training, present=[cast.outsider])
    service.hold_training(cast.hr, training, present=[cast.staff], comment="周强请假")
    training.refresh_from_db()
    assert training.status == TrainingStatus.HELD
    [record] = TrainingRecord.objects.all()
    assert record.user == cast.staff and record.hours == Decimal("3.0")
    assert record.date == timezone.localdate(training.starts_at)


def test_a_cancelled_training_tells_the_attendees(cast):
    training = TrainingFactory(organiser=cast.hr, attendees=[cast.staff])
    service.cancel_training(cast.hr, training, comment="讲师临时有事")
    training.refresh_from_db()
    assert training.status == TrainingStatus.CANCELLED
    assert Notification.objects.filter(recipient=cast.staff, body="讲师临时有事").exists()


def test_staff_record_a_training_with_its_certificate(cast, login):
    record = service.add_training_record(
        cast.staff,
        cast.staff,
        date=date(2026, 2, 10),
        topic="网络安全基础",
        hours=Decimal("8"),
        attachment=SimpleUploadedFile("证书.pdf", b"%PDF cert", "application/pdf"),
    )
    assert record.sha256 and record.original_name == "证书.pdf"
    with pytest.raises(WorkflowError):
        service.add_training_record(
            cast.staff,
            cast.staff,
            date=timezone.localdate() + timedelta(days=1),
            topic="x",
            hours=1,
        )
    page = login(cast.staff).get(reverse("duties:training_records"))
    assert list(page.context["page"].object_list) == [record]
    url = reverse("duties:attachment", args=["certificate", record.pk])
    assert login(cast.supervisor).get(url).status_code == 200
    assert login(cast.outsider).get(url).status_code == 404
    hr_view = login(cast.hr).get(reverse("duties:training_records"), {"person": cast.staff.pk})
    assert list(hr_view.context["page"].object_list) == [record]


def test_trainings_are_seen_by_organiser_attendees_their_supervisors_and_hr(cast, login):
    training = TrainingFactory(organiser=cast.hr, attendees=[cast.staff])
    for person, status in [
        (cast.staff, 200),
        (cast.supervisor, 200),
        (cast.hr, 200),
        (cast.outsider, 404),
        (cast.vp, 404),
    ]:
        assert login(person).get(training.get_absolute_url()).status_code == status
