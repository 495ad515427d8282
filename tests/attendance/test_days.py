"""Status derivation: schedules (and their changes), holiday calendar, client days off, leave."""

from datetime import date, time

import pytest

from attendance.choices import DayKind, DayStatus, LeaveStatus
from attendance.days import Period, days_for, working_days_of_leave
from attendance.models import LeaveRequest, SiteDayOff, SiteSchedule
from onsite.models import Assignment
from tests.factories import SiteFactory

TODAY = date(2026, 11, 30)


def one_day(user, day):
    return Period([user.pk], day, day, today=TODAY).day(user.pk, day)


@pytest.mark.django_db
@pytest.mark.rule("R2.3-site-work-hours")
def test_it_derives_present_late_early_and_missing_check_out(cast, schedule, record):
    record(cast.staff, date(2026, 11, 2), cast.site, (9, 0), (18, 0))
    record(cast.staff, date(2026, 11, 3), cast.site, (9, 6), (18, 0))
    record(cast.staff, date(2026, 11, 4), cast.site, (9, 5), (17, 30))
    record(cast.staff, date(2026, 11, 5), cast.site, (9, 20), (17, 0))
    record(cast.staff, date(2026, 11, 6), cast.site, (8, 50), None)
    statuses = {
        d.date.day: d.status
        for d in days_for(cast.staff, date(2026, 11, 2), date(2026, 11, 9), today=TODAY)
    }
    assert statuses == {
        2: DayStatus.PRESENT,
        3: DayStatus.LATE,
        4: DayStatus.EARLY,  # 09:05 is within the grace minutes
        5: DayStatus.LATE_EARLY,
        6: DayStatus.MISSING_OUT,
        7: DayStatus.REST,
        8: DayStatus.REST,
        9: DayStatus.ABSENT,
    }


@pytest.mark.django_db
@pytest.mark.rule("R2.3-site-work-hours")
def test_a_schedule_change_applies_from_its_date_without_rewriting_history(cast, schedule, record):
    SiteSchedule.objects.create(
        site=cast.site,
        valid_from=date(2026, 11, 16),
        weekdays="123456",
        start_time=time(8, 30),
        end_time=time(17, 0),
        grace_minutes=0,
    )
    before = record(cast.staff, date(2026, 11, 13), cast.site, (8, 50), (17, 0))
    after = record(cast.staff, date(2026, 11, 16), cast.site, (8, 50), (17, 0))
    assert before and after
    assert one_day(cast.staff, date(2026, 11, 13)).status == DayStatus.EARLY  # old 09–18
    assert one_day(cast.staff, date(2026, 11, 16)).status == DayStatus.LATE  # new 08:30
    assert one_day(cast.staff, date(2026, 11, 14)).kind == DayKind.REST  # old: Saturday off
    assert one_day(cast.staff, date(2026, 11, 21)).kind == DayKind.WORKDAY  # new: Saturday on


@pytest.mark.django_db
@pytest.mark.rule("R2.3-site-work-hours")
def test_make_up_working_day_is_a_working_day_and_holidays_are_off(cast, schedule, record):
    # 2026-10-10 is a Saturday worked in exchange for the National Day holiday.
    saturday = one_day(cast.staff, date(2026, 10, 10))
    assert saturday.kind == DayKind.MAKEUP
    assert saturday.status == DayStatus.ABSENT
    record(cast.staff, date(2026, 10, 10), cast.site, (9, 30), (18, 0))
    assert one_day(cast.staff, date(2026, 10, 10)).status == DayStatus.LATE
    assert one_day(cast.staff, date(2026, 10, 1)).kind == DayKind.HOLIDAY
    assert one_day(cast.staff, date(2026, 10, 6)).kind == DayKind.BREAK
    assert one_day(cast.staff, date(2026, 10, 6)).status == DayStatus.HOLIDAY


@pytest.mark.django_db
def test_a_site_that_ignores_the_national_calendar_works_its_own_weekdays(cast, schedule):
    schedule.follows_national_calendar = False
    schedule.save()
    assert one_day(cast.staff, date(2026, 10, 1)).kind == DayKind.WORKDAY  # a Thursday
    assert one_day(cast.staff, date(2026, 10, 10)).kind == DayKind.REST


@pytest.mark.django_db
@pytest.mark.rule("R2.3-overtime-in-advance")
def test_client_day_off_and_work_on_a_day_off_without_approval(cast, schedule, record):
    SiteDayOff.objects.create(site=cast.site, date=date(2026, 11, 11), reason="客户内部活动")
    assert one_day(cast.staff, date(2026, 11, 11)).kind == DayKind.CLIENT_OFF
    record(cast.staff, date(2026, 11, 14), cast.site, (10, 0), (15, 0))
    saturday = one_day(cast.staff, date(2026, 11, 14))
    assert saturday.status == DayStatus.UNAPPROVED_OVERTIME
    assert saturday.unapproved_minutes == 300


@pytest.mark.django_db
@pytest.mark.rule("R2.3-site-work-hours")
def test_each_day_is_judged_by_the_site_of_that_days_assignment(cast, schedule, record):
    other = SiteFactory(code="OTHER")
    SiteSchedule.objects.create(
        site=other,
        valid_from=date(2026, 1, 1),
        weekdays="1234567",
        start_time=time(7, 0),
        end_time=time(15, 0),
    )
    Assignment.objects.filter(user=cast.staff).update(end_date=date(2026, 11, 15))
    Assignment.objects.create(user=cast.staff, site=other, start_date=date(2026, 11, 16))
    record(cast.staff, date(2026, 11, 13), cast.site, (9, 0), (18, 0))
    record(cast.staff, date(2026, 11, 16), other, (9, 0), (18, 0))
    assert one_day(cast.staff, date(2026, 11, 13)).status == DayStatus.PRESENT
    assert one_day(cast.staff, date(2026, 11, 16)).status == DayStatus.LATE
    assert one_day(cast.staff, date(2026, 11, 22)).kind == DayKind.WORKDAY  # Sunday at OTHER
    assert one_day(cast.outsider, date(2026, 11, 16)).status == DayStatus.UNASSIGNED


@pytest.mark.django_db
def test_half_day_leave_excuses_the_late_morning(cast, schedule, record, annual):
    LeaveRequest.objects.create(
        user=cast.staff,
        leave_type=annual,
        start_date=date(2026, 11, 17),
        start_half="am",
        end_date=date(2026, 11, 17),
        end_half="am",
        days=0.5,
        reason="体检",
        status=LeaveStatus.APPROVED,
    )
    record(cast.staff, date(2026, 11, 17), cast.site, (13, 0), (18, 0))
    day = one_day(cast.staff, date(2026, 11, 17))
    assert day.status == DayStatus.PRESENT
    assert day.leave_portion == 0.5


@pytest.mark.django_db
def test_leave_counts_working_days_only_with_halves(cast, schedule):
    # 2026-09-28 (Mon) … 2026-10-10 (Sat, make-up day): Sept 28–30, Oct 8, 9, 10 are working.
    days = working_days_of_leave(cast.staff, date(2026, 9, 28), "pm", date(2026, 10, 10), "am")
    assert days == 5


@pytest.mark.django_db
def test_unapproved_days_match_the_full_derivation(cast, schedule, record):
    from attendance.choices import OvertimeKind, OvertimeStatus
    from attendance.models import OvertimeRequest

    SiteDayOff.objects.create(site=cast.site, date=date(2026, 11, 11), reason="客户内部活动")
    record(cast.staff, date(2026, 11, 2), cast.site)  # a working Monday
    record(cast.staff, date(2026, 11, 11), cast.site)  # the client's day off
    record(cast.staff, date(2026, 11, 14), cast.site, (10, 0), (15, 0))  # Saturday
    record(cast.staff, date(2026, 11, 15), cast.site, (10, 0), (12, 0))  # Sunday, approved
    OvertimeRequest.objects.create(
        user=cast.staff,
        site=cast.site,
        date=date(2026, 11, 15),
        start_time=time(10, 0),
        end_time=time(12, 0),
        planned_minutes=120,
        reason="保障",
        kind=OvertimeKind.REST_DAY,
        status=OvertimeStatus.FILED,
    )
    period = Period([cast.staff.pk], date(2026, 11, 1), date(2026, 11, 30), today=TODAY)
    full = [
        d.date for d in period.days_of(cast.staff.pk) if d.status == DayStatus.UNAPPROVED_OVERTIME
    ]
    assert [d.date for d in period.unapproved_days_of(cast.staff.pk)] == full
    assert full == [date(2026, 11, 11), date(2026, 11, 14)]


@pytest.mark.django_db
def test_the_unapproved_overtime_found_in_sql_first_is_what_full_derivation_finds(
    cast, schedule, record
):
    """The page looks for people in SQL (check-ins on some site's day off without approved
    overtime) and derives only their days off: the same days as deriving everyone's month."""
    from django.contrib.auth import get_user_model

    from attendance.choices import OvertimeKind, OvertimeStatus
    from attendance.frame import Frame
    from attendance.models import OvertimeRequest, PunchCorrection
    from attendance.summary import staff_queryset, unapproved_items, worked_rest_days
    from tests.factories import AssignmentFactory, UserFactory

    saturdays = SiteFactory(code="SAT", name="周六上班的场馆")
    SiteSchedule.objects.create(
        site=saturdays,
        valid_from=date(2026, 1, 1),
        weekdays="123456",
        start_time=time(9),
        end_time=time(18),
    )
    weekender = UserFactory(department=cast.dept_a)
    AssignmentFactory(user=weekender, site=saturdays)
    corrected = UserFactory(department=cast.dept_a)
    AssignmentFactory(user=corrected, site=cast.site)
    SiteDayOff.objects.create(site=cast.site, date=date(2026, 11, 11), reason="客户内部活动")
    record(cast.staff, date(2026, 11, 2), cast.site)  # a working Monday
    record(cast.staff, date(2026, 11, 11), cast.site)  # the client's day off
    record(cast.staff, date(2026, 11, 14), cast.site, (10, 0), (15, 0))  # Saturday
    record(cast.staff, date(2026, 11, 15), cast.site, (10, 0), (12, 0))  # Sunday, approved
    record(weekender, date(2026, 11, 14), saturdays)  # their working Saturday
    record(weekender, date(2026, 11, 15), saturdays, (9, 0), (11, 0))  # their Sunday
    PunchCorrection.objects.create(  # a forgotten check-in on a Sunday, approved
        user=corrected, date=date(2026, 11, 22), kind="check_in", time=time(9), reason="忘了"
    )
    PunchCorrection.objects.filter(user=corrected).update(status="approved")
    OvertimeRequest.objects.create(
        user=cast.staff,
        site=cast.site,
        date=date(2026, 11, 15),
        start_time=time(10, 0),
        end_time=time(12, 0),
        planned_minutes=120,
        reason="保障",
        kind=OvertimeKind.REST_DAY,
        status=OvertimeStatus.FILED,
    )
    first, last = date(2026, 11, 1), date(2026, 11, 30)
    people = staff_queryset(base=get_user_model().objects.all())
    period = Period([p.pk for p in people], first, last, today=TODAY)
    full = sorted(
        (p.pk, d.date)
        for p in people
        for d in period.days_of(p.pk)
        if d.status == DayStatus.UNAPPROVED_OVERTIME
    )
    frame = Frame(first, last)
    found = sorted(
        (p.pk, d.date) for p, d, _h in unapproved_items(worked_rest_days(people, frame), frame)
    )
    assert found == full
    assert full == sorted(
        [
            (cast.staff.pk, date(2026, 11, 11)),
            (cast.staff.pk, date(2026, 11, 14)),
            (weekender.pk, date(2026, 11, 15)),
            (corrected.pk, date(2026, 11, 22)),
        ]
    )
