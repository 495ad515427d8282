"""Fixtures of attendance tests: a schedule for the cast's site and helpers to make facts."""

from datetime import date, datetime, time

import pytest
from django.utils import timezone

from attendance.choices import Compensation, OvertimeKind, OvertimeStatus
from attendance.models import (
    AttendanceRecord,
    LeaveRequest,
    LeaveType,
    OvertimeRequest,
    SiteSchedule,
)


def at(day, hour, minute=0):
    """An aware datetime in the project's time zone."""
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


@pytest.fixture
def schedule(cast):
    """The cast's site works Monday–Friday 09:00–18:00 with 5 grace minutes from 2026-01-01."""
    return SiteSchedule.objects.create(
        site=cast.site,
        valid_from=date(2026, 1, 1),
        weekdays="12345",
        start_time=time(9, 0),
        end_time=time(18, 0),
        grace_minutes=5,
    )


@pytest.fixture
def record():
    def make(user, day, site, check_in=(9, 0), check_out=(18, 0)):
        return AttendanceRecord.objects.create(
            user=user,
            date=day,
            site=site,
            check_in_at=at(day, *check_in),
            check_out_at=at(day, *check_out) if check_out else None,
        )

    return make


def leave_type(code):
    """A seeded leave type (re-created if a transactional test flushed the seed data)."""
    from attendance.choices import DEFAULT_LEAVE_TYPES

    for known, name, allowance, negative, compensatory in DEFAULT_LEAVE_TYPES:
        if known == code:
            return LeaveType.objects.get_or_create(
                code=code,
                defaults={
                    "name": name,
                    "yearly_allowance": allowance,
                    "allow_negative": negative,
                    "is_compensatory": compensatory,
                },
            )[0]
    raise LookupError(code)


@pytest.fixture
def annual(db):
    return leave_type("ANNUAL")


@pytest.fixture
def comp(db):
    return leave_type("COMP")


@pytest.fixture(autouse=True)
def _english_messages():
    """Service messages are asserted in English (views follow the request's language)."""
    from django.utils import translation

    with translation.override("en"):
        yield


def leave_day_and_rest_day_overtime(cast):
    """张伟 (cast.staff) in November 2026: a day of annual leave on the 6th and 4.5 h of filed
    rest-day overtime (planned 4 h) on Saturday the 14th."""
    LeaveRequest.objects.create(
        user=cast.staff,
        leave_type=leave_type("ANNUAL"),
        start_date=date(2026, 11, 6),
        end_date=date(2026, 11, 6),
        days=1,
        reason="事",
        status="approved",
    )
    OvertimeRequest.objects.create(
        user=cast.staff,
        site=cast.site,
        date=date(2026, 11, 14),
        start_time=time(9),
        end_time=time(13),
        planned_minutes=240,
        actual_minutes=270,
        kind=OvertimeKind.REST_DAY,
        compensation=Compensation.PAY,
        reason="保障",
        status=OvertimeStatus.FILED,
    )
