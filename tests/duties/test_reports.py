"""Work reports: written once per period, read and commented by the supervisors of the
author's department only; who has not reported, beside that day's attendance."""

from datetime import date, datetime, time, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from attendance.models import AttendanceRecord, LeaveRequest, LeaveType
from duties.choices import ReportKind, ReportStatus
from duties.models import WorkReport
from duties.services import reports as service
from onsite.models import AuditEntry, Notification
from onsite.workflow import WorkflowError
from tests.duties.factories import ReportFactory
from tests.factories import AssignmentFactory, UserFactory

pytestmark = pytest.mark.rule("R2.3-work-reports")

WEDNESDAY = date(2026, 3, 4)  # an ordinary working day
SATURDAY = date(2026, 3, 7)


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def test_a_daily_report_is_written_once_per_day_and_audited(cast):
    report = service.submit_report(
        cast.staff,
        kind=ReportKind.DAILY,
        period_start=timezone.localdate(),
        work_done="调试二号会议室扩声系统",
        problems="一只无线话筒电量低",
        site=cast.site,
    )
    assert report.status == ReportStatus.SUBMITTED
    assert AuditEntry.objects.filter(action="duties.report.submit", actor=cast.staff).exists()
    with pytest.raises(WorkflowError):
        service.submit_report(
            cast.staff, kind=ReportKind.DAILY, period_start=timezone.localdate(), work_done="再写"
        )
    assert WorkReport.objects.count() == 1


def test_a_weekly_report_covers_its_week_from_monday(cast):
    report = service.submit_report(
        cast.staff, kind=ReportKind.WEEKLY, period_start=WEDNESDAY, work_done="本周完成设备巡检"
    )
    assert report.period_start == date(2026, 3, 2)
    assert report.period_end == date(2026, 3, 8)


def test_a_report_for_a_day_to_come_is_refused(cast):
    with pytest.raises(WorkflowError):
        service.submit_report(
            cast.staff,
            kind=ReportKind.DAILY,
            period_start=timezone.localdate() + timedelta(days=1),
            work_done="还没发生",
        )


def test_the_supervisor_comments_and_the_author_is_told(cast):
    report = ReportFactory(author=cast.staff)
    service.comment_report(cast.supervisor, report, comment="问题及时上报，很好。")
    report.refresh_from_db()
    assert report.status == ReportStatus.COMMENTED
    assert report.commented_by == cast.supervisor and report.supervisor_comment
    note = Notification.objects.get(recipient=cast.staff)
    assert note.body == "问题及时上报，很好。" and note.url == report.get_absolute_url()


def test_nobody_else_comments_not_even_on_their_own_report(cast):
    report = ReportFactory(author=cast.staff)
    own = ReportFactory(author=cast.supervisor)
    for person in (cast.hr, cast.vp, cast.outsider, cast.staff):
        with pytest.raises(PermissionDenied):
            service.comment_report(person, report, comment="看过")
    with pytest.raises(PermissionDenied):
        service.comment_report(cast.supervisor, own, comment="自评")


def test_reports_are_seen_by_the_author_and_their_departments_supervisors_only(cast, login):
    report = ReportFactory(author=cast.staff)
    url = reverse("duties:report_detail", args=[report.pk])
    for person, status in [
        (cast.staff, 200),
        (cast.supervisor, 200),
        (cast.hr, 404),
        (cast.vp, 404),
        (cast.manager, 404),
        (cast.outsider, 404),
    ]:
        assert login(person).get(url).status_code == status, person
    team = login(cast.supervisor).get(reverse("duties:report_team"))
    assert report in team.context["page"].object_list


def test_a_days_report_sits_beside_that_days_attendance(cast, login):
    AttendanceRecord.objects.create(
        user=cast.staff,
        date=WEDNESDAY,
        site=cast.site,
        check_in_at=at(WEDNESDAY, 9, 20),
        check_out_at=at(WEDNESDAY, 18, 5),
    )
    report = ReportFactory(author=cast.staff, period_start=WEDNESDAY)
    page = login(cast.supervisor).get(reverse("duties:report_detail", args=[report.pk]))
    [day] = page.context["days"]
    assert day.date == WEDNESDAY and day.status == "late" and day.late_minutes == 20
    assert 'data-testid="attendance-day"' in page.content.decode()


def _on_leave(user, day):
    leave_type, _created = LeaveType.objects.get_or_create(
        code="ANNUAL", defaults={"name": "年假", "yearly_allowance": 5}
    )
    LeaveRequest.objects.create(
        user=user,
        leave_type=leave_type,
        start_date=day,
        end_date=day,
        days=1,
        reason="探亲",
        status="approved",
    )


def test_the_missing_list_names_only_people_expected_at_work_without_a_report(cast):
    reported = UserFactory(roles=["staff"], department=cast.dept_a)
    weekly = UserFactory(roles=["staff"], department=cast.dept_a)
    on_leave = UserFactory(roles=["staff"], department=cast.dept_a)
    for person in (reported, weekly, on_leave):
        AssignmentFactory(user=person, site=cast.site)
    ReportFactory(author=reported, period_start=WEDNESDAY)
    ReportFactory(author=weekly, kind=ReportKind.WEEKLY, period_start=date(2026, 3, 2))
    ReportFactory(author=cast.staff, period_start=WEDNESDAY - timedelta(days=1))  # another day
    _on_leave(on_leave, WEDNESDAY)
    people = [cast.staff, reported, weekly, on_leave, cast.manager]  # manager: not stationed
    missing = service.missing_reports(people, WEDNESDAY, today=WEDNESDAY + timedelta(days=1))
    assert [person for person, _day in missing] == [cast.staff]
    assert missing[0][1].status == "absent"  # that day's attendance, from the derivation
    assert service.missing_reports(people, SATURDAY) == []


def test_the_supervisors_missing_page_lists_their_departments_only(cast, login):
    AssignmentFactory(user=cast.outsider, site=cast.site)
    page = login(cast.supervisor).get(
        reverse("duties:report_missing"), {"date": WEDNESDAY.isoformat()}
    )
    listed = [person for person, _day in page.context["page"].object_list]
    assert listed == [cast.staff]
    assert login(cast.staff).get(reverse("duties:report_missing")).status_code == 403


def test_the_missing_page_costs_the_same_queries_for_more_staff(
    cast, login, django_assert_max_num_queries
):
    client = login(cast.supervisor)
    url = reverse("duties:report_missing")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url, {"date": WEDNESDAY.isoformat()})
    for _ in range(15):
        AssignmentFactory(user=UserFactory(roles=["staff"], department=cast.dept_a), site=cast.site)
    with django_assert_max_num_queries(len(few)):
        client.get(url, {"date": WEDNESDAY.isoformat()})


def test_writing_a_report_on_the_page(cast, login):
    client = login(cast.staff)
    response = client.post(
        reverse("duties:report_create"),
        {
            "kind": "daily",
            "period_start": timezone.localdate().isoformat(),
            "site": cast.site.pk,
            "work_done": "会前调试",
        },
    )
    assert response.status_code == 302
    assert WorkReport.objects.get().author == cast.staff
