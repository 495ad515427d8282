"""Views: forms post through the services; decisions are POSTs behind a confirmation."""

from datetime import date, time

import pytest
import time_machine
from django.urls import reverse

from attendance.choices import OvertimeKind, OvertimeStatus
from attendance.models import LeaveRequest, OvertimeRequest
from onsite.models import AuditEntry
from tests.attendance.conftest import leave_type

NOW = "2026-11-10 10:00 +0800"


def overtime(cast, status=OvertimeStatus.SUBMITTED, start_time=time(9), end_time=time(12)):
    return OvertimeRequest.objects.create(
        user=cast.staff,
        site=cast.site,
        date=date(2026, 11, 14),
        start_time=start_time,
        end_time=end_time,
        planned_minutes=180,
        kind=OvertimeKind.REST_DAY,
        reason="会议保障",
        status=status,
    )


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_staff_asks_for_overtime_for_themself_through_the_form(cast, schedule, login):
    response = login(cast.staff).post(
        reverse("attendance:overtime_new"),
        {
            "date": "2026-11-14",
            "start_time": "09:00",
            "end_time": "12:00",
            "site": cast.site.pk,
            "reason": "会议保障",
            "compensation": "leave",
            "user": cast.outsider.pk,
        },
    )
    request = OvertimeRequest.objects.get()
    assert response.url == reverse("attendance:overtime_detail", args=[request.pk])
    assert request.user == cast.staff
    assert (request.kind, request.compensation) == (OvertimeKind.REST_DAY, "leave")


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_the_overtime_form_shows_why_it_refuses(cast, schedule, login):
    response = login(cast.staff).post(
        reverse("attendance:overtime_new"),
        {
            "date": "2026-11-09",
            "start_time": "19:00",
            "end_time": "18:00",
            "site": cast.site.pk,
            "reason": "x",
            "compensation": "pay",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["end_time"]
    response = login(cast.staff).post(
        reverse("attendance:overtime_new"),
        {
            "date": "2026-11-08",
            "start_time": "09:00",
            "end_time": "12:00",
            "site": cast.site.pk,
            "reason": "x",
            "compensation": "pay",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not OvertimeRequest.objects.exists()


@pytest.mark.django_db
def test_a_get_never_decides_and_a_post_does(cast, schedule, login):
    request = overtime(cast)
    client = login(cast.supervisor)
    url = reverse("attendance:overtime_action", args=[request.pk, "approve"])
    assert client.get(url).status_code == 200
    request.refresh_from_db()
    assert request.status == OvertimeStatus.SUBMITTED
    client.post(url, {"comment": "同意"})
    request.refresh_from_db()
    assert request.status == OvertimeStatus.SUPERVISOR_APPROVED


@pytest.mark.django_db
def test_the_second_approver_sees_a_clear_message(cast, schedule, login):
    request = overtime(cast)
    client = login(cast.supervisor)
    url = reverse("attendance:overtime_action", args=[request.pk, "approve"])
    client.post(url, {"comment": "同意"})
    response = client.post(url, {"comment": "同意"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "cannot be done now" in page or "无法" in page
    assert AuditEntry.objects.filter(action="attendance.overtime.approve").count() == 1
    later = client.get(url, follow=True)  # a GET of a move no longer possible says why
    messages = [str(m) for m in later.context["messages"]]
    assert any("cannot be done now" in m or "无法" in m for m in messages), messages


@pytest.mark.django_db
def test_a_rejection_without_a_reason_stays_on_the_form(cast, schedule, login):
    request = overtime(cast)
    url = reverse("attendance:overtime_action", args=[request.pk, "reject"])
    response = login(cast.supervisor).post(url, {"comment": ""})
    assert response.status_code == 400  # the form again, with its error
    assert response.context["form"].errors["comment"]
    request.refresh_from_db()
    assert request.status == OvertimeStatus.SUBMITTED


@pytest.mark.django_db
def test_the_supervisor_approves_several_at_once_from_the_queue(cast, schedule, login):
    first, second = overtime(cast), overtime(cast, start_time=time(13), end_time=time(15))
    foreign = overtime(cast)
    foreign.user = cast.outsider
    foreign.save()
    response = login(cast.supervisor).post(
        reverse("attendance:queue_decide"),
        {"what": "overtime", "action": "approve", "ids": [first.pk, second.pk, foreign.pk]},
        follow=True,
    )
    statuses = dict(OvertimeRequest.objects.values_list("pk", "status"))
    assert statuses[first.pk] == statuses[second.pk] == OvertimeStatus.SUPERVISOR_APPROVED
    assert statuses[foreign.pk] == OvertimeStatus.SUBMITTED  # another department: refused
    assert len([m for m in response.context["messages"] if m.level_tag == "error"]) == 1


@pytest.mark.django_db
def test_hr_files_from_its_queue_and_rejecting_in_bulk_needs_a_reason(cast, schedule, login):
    approved = overtime(cast, OvertimeStatus.SUPERVISOR_APPROVED)
    client = login(cast.hr)
    page = client.get(reverse("attendance:queue")).content.decode()
    assert reverse("attendance:overtime_detail", args=[approved.pk]) in page
    client.post(
        reverse("attendance:queue_decide"),
        {"what": "overtime", "action": "hr_reject", "ids": [approved.pk]},
    )
    approved.refresh_from_db()
    assert approved.status == OvertimeStatus.SUPERVISOR_APPROVED
    client.post(
        reverse("attendance:queue_decide"),
        {"what": "overtime", "action": "file", "ids": [approved.pk], "comment": "备案"},
    )
    approved.refresh_from_db()
    assert approved.status == OvertimeStatus.FILED


@pytest.mark.django_db
def test_the_supervisor_queue_lists_only_their_departments_requests(cast, schedule, login):
    from tests.factories import AssignmentFactory

    mine = overtime(cast)
    AssignmentFactory(user=cast.outsider, site=cast.site)
    other = overtime(cast)
    other.user = cast.outsider
    other.save()
    leave = LeaveRequest.objects.create(
        user=cast.outsider,
        leave_type=leave_type("ANNUAL"),
        start_date=date(2026, 12, 1),
        end_date=date(2026, 12, 1),
        days=1,
        reason="事",
    )
    page = login(cast.supervisor).get(reverse("attendance:queue")).content.decode()
    assert reverse("attendance:overtime_detail", args=[mine.pk]) in page
    assert reverse("attendance:overtime_detail", args=[other.pk]) not in page
    assert reverse("attendance:leave_detail", args=[leave.pk]) not in page
    detail = login(cast.supervisor).get(reverse("attendance:overtime_detail", args=[other.pk]))
    assert detail.status_code == 404


@pytest.mark.django_db
def test_the_applicant_sees_who_decided_when_and_why(cast, schedule, login):
    from attendance import services

    request = overtime(cast)
    services.reject_overtime(cast.supervisor, request, "本周无需加班")
    page = login(cast.staff).get(reverse("attendance:my_requests")).content.decode()
    assert "本周无需加班" in page
    detail = login(cast.staff).get(reverse("attendance:overtime_detail", args=[request.pk]))
    assert "本周无需加班" in detail.content.decode()


@pytest.mark.django_db
@time_machine.travel("2026-11-20 10:00 +0800", tick=False)
@pytest.mark.rule("R2.3-overtime-in-advance")
def test_unapproved_overtime_is_shown_to_the_supervisor(cast, schedule, record, login):
    record(cast.staff, date(2026, 11, 15), cast.site, (10, 0), (14, 30))
    page = login(cast.supervisor).get(reverse("attendance:unapproved") + "?month=2026-11")
    assert "2026-11-15" in page.content.decode()
    assert "4.5" in page.content.decode()


@pytest.mark.django_db
@time_machine.travel("2026-11-20 10:00 +0800", tick=False)
def test_my_month_shows_each_days_status(cast, schedule, record, login):
    record(cast.staff, date(2026, 11, 3), cast.site, (9, 30), (18, 0))
    page = login(cast.staff).get(reverse("attendance:my_month") + "?month=2026-11")
    content = page.content.decode()
    assert 'data-date="2026-11-03" data-status="late"' in content
    assert 'data-date="2026-11-07" data-status="rest"' in content
    assert 'data-date="2026-11-04" data-status="absent"' in content


@pytest.mark.django_db
def test_hr_edits_the_calendar_and_a_provisional_year_warns(cast, login):
    from attendance.models import HolidayCalendarDay

    client = login(cast.hr)
    with time_machine.travel("2026-11-24 10:00 +0800", tick=False):
        page = client.get(reverse("attendance:calendar")).content.decode()
        assert 'data-testid="provisional-warning"' in page and "2027" in page
        client = login(cast.hr)
        client.post(
            reverse("attendance:calendar_day_save"),
            {"date": "2027-01-01", "kind": "holiday", "name": "元旦"},
        )
        assert HolidayCalendarDay.objects.get(date=date(2027, 1, 1)).source == "hr"
        client.post(reverse("attendance:calendar_year", args=[2027, "confirm"]))
        page = client.get(reverse("attendance:calendar")).content.decode()
        assert 'data-testid="provisional-warning"' not in page
    assert AuditEntry.objects.filter(
        action="attendance.calendar_year.confirm", actor=cast.hr
    ).exists()


@pytest.mark.django_db
def test_hr_sets_a_leave_type_allowance(cast, login):
    annual = leave_type("ANNUAL")
    response = login(cast.hr).post(
        reverse("attendance:leave_type_edit", args=[annual.pk]),
        {"code": "ANNUAL", "name": "年休假", "yearly_allowance": "10", "is_active": "on"},
    )
    assert response.status_code == 302
    annual.refresh_from_db()
    assert annual.yearly_allowance == 10
    assert AuditEntry.objects.filter(action="attendance.leave_type.change").exists()


@pytest.mark.django_db
def test_all_requests_lists_the_department_for_the_supervisor_and_everything_for_hr(
    cast, schedule, login
):
    mine = overtime(cast)
    other = overtime(cast)
    other.user = cast.outsider
    other.save()
    url = reverse("attendance:request_list") + "?month=2026-11&status=submitted"
    page = login(cast.supervisor).get(url).content.decode()
    assert reverse("attendance:overtime_detail", args=[mine.pk]) in page
    assert reverse("attendance:overtime_detail", args=[other.pk]) not in page
    page = login(cast.hr).get(url).content.decode()
    assert reverse("attendance:overtime_detail", args=[other.pk]) in page
    page = login(cast.hr).get(url.replace("submitted", "filed")).content.decode()
    assert reverse("attendance:overtime_detail", args=[other.pk]) not in page


@pytest.mark.django_db
def test_the_request_page_offers_exactly_the_moves_the_person_may_take(cast, schedule, login):
    request = overtime(cast)
    url = reverse("attendance:overtime_detail", args=[request.pk])

    def offered(person):
        page = login(person).get(url).content.decode()
        return {
            name
            for name in ("approve", "reject", "file", "hr_reject", "cancel")
            if f'data-action="{name}"' in page
        }

    assert offered(cast.supervisor) == {"approve", "reject"}
    assert offered(cast.staff) == {"cancel"}
    assert offered(cast.hr) == set()  # HR sees it, but its step comes after the supervisor's
    request.status = OvertimeStatus.SUPERVISOR_APPROVED
    request.save()
    assert offered(cast.hr) == {"file", "hr_reject"}
    assert offered(cast.supervisor) == set()


@pytest.mark.django_db
def test_the_hours_are_offered_only_once_the_approved_overtime_is_over(cast, schedule, login):
    from attendance import services
    from tests.attendance.conftest import at

    request = overtime(cast)  # Saturday 2026-11-14, 09:00–12:00
    detail = reverse("attendance:overtime_detail", args=[request.pk])
    hours = reverse("attendance:overtime_hours", args=[request.pk])
    button = 'data-action="confirm_hours"'
    with time_machine.travel(at(date(2026, 11, 14), 13), tick=False):
        client = login(cast.staff)
        assert button not in client.get(detail).content.decode()  # not approved yet
        assert client.get(hours).status_code == 302  # back to the request, saying why
    services.approve_overtime(cast.supervisor, request)
    with time_machine.travel(at(date(2026, 11, 14), 11), tick=False):
        client = login(cast.staff)
        assert button not in client.get(detail).content.decode()  # not over yet
        refused = client.post(hours, {"minutes": 120})
        assert refused.status_code == 400
    with time_machine.travel(at(date(2026, 11, 14), 13), tick=False):
        assert button not in login(cast.hr).get(detail).content.decode()  # not HR's to confirm
        client = login(cast.staff)
        assert button in client.get(detail).content.decode()
        assert client.post(hours, {"minutes": 170}).status_code == 302
    request.refresh_from_db()
    assert request.actual_minutes == 170
    assert AuditEntry.objects.filter(
        action="attendance.overtime.confirm_hours", to_state="170", actor=cast.staff
    ).exists()


@pytest.mark.django_db
def test_a_bulk_decision_reports_each_id_it_cannot_see_or_that_is_gone(cast, schedule, login):
    mine = overtime(cast)
    gone = overtime(cast, start_time=time(13), end_time=time(15))
    gone_pk = gone.pk
    gone.delete()
    response = login(cast.supervisor).post(
        reverse("attendance:queue_decide"),
        {"what": "overtime", "action": "approve", "ids": [mine.pk, gone_pk]},
        follow=True,
    )
    errors = [str(m) for m in response.context["messages"] if m.level_tag == "error"]
    assert len(errors) == 1 and f"#{gone_pk}" in errors[0]
    mine.refresh_from_db()
    assert mine.status == OvertimeStatus.SUPERVISOR_APPROVED


@pytest.mark.django_db
def test_the_queue_shows_a_supervisor_who_is_also_hr_both_steps_but_never_their_own(
    cast, schedule, login
):
    from onsite.choices import Role
    from tests.factories import UserFactory

    both = UserFactory(roles=[Role.SUPERVISOR, Role.HR], department=cast.dept_a)
    cast.dept_a.supervisors.add(both)
    waiting = overtime(cast)
    to_file = overtime(cast, OvertimeStatus.SUPERVISOR_APPROVED, time(13), time(15))
    own = overtime(cast, OvertimeStatus.SUPERVISOR_APPROVED)
    own.user = both
    own.save()
    page = login(both).get(reverse("attendance:queue")).content.decode()
    assert reverse("attendance:overtime_detail", args=[waiting.pk]) in page
    assert reverse("attendance:overtime_detail", args=[to_file.pk]) in page
    assert reverse("attendance:overtime_detail", args=[own.pk]) not in page
    assert 'data-testid="queue-leave"' in page
