"""A ``Reader`` gives what the ORM gives: the same instances with every field's value of the
same type (dates, times, aware datetimes, booleans, decimals), and the same plain rows, on
SQLite and on PostgreSQL."""

from datetime import date, time

import pytest

from attendance.choices import Compensation, OvertimeKind, OvertimeStatus
from attendance.models import AttendanceRecord, OvertimeRequest
from onsite.reading import Reader, placeholders
from tests.attendance.conftest import at


def _overtime(user, day, status=OvertimeStatus.SUPERVISOR_APPROVED):
    return OvertimeRequest.objects.create(
        user=user,
        site=user.assignments.first().site if user.assignments.exists() else None,
        date=day,
        start_time=time(19, 0),
        end_time=time(21, 30),
        planned_minutes=150,
        actual_minutes=140,
        kind=OvertimeKind.WORKDAY,
        compensation=Compensation.PAY,
        reason="Stage rehearsal",
        status=status,
    )


def test_a_reader_builds_the_same_instances_as_the_orm(cast):
    made = [_overtime(cast.staff, date(2026, 11, d)) for d in (2, 3)]
    reader = Reader(OvertimeRequest)
    user = reader.column("user")
    read = reader.objects(f"{user} IN ({placeholders([cast.staff.pk])})", [cast.staff.pk])
    orm = {o.pk: o for o in OvertimeRequest.objects.filter(pk__in=[o.pk for o in made])}
    assert sorted(o.pk for o in read) == sorted(orm)
    for got in read:
        want = orm[got.pk]
        for field in OvertimeRequest._meta.concrete_fields:
            mine, theirs = getattr(got, field.attname), getattr(want, field.attname)
            assert mine == theirs and type(mine) is type(theirs), field.name
        assert got._state.adding is False


def test_a_reader_of_some_fields_gives_rows_typed_as_values_list(cast):
    AttendanceRecord.objects.create(
        user=cast.staff,
        date=date(2026, 11, 2),
        site=cast.site,
        check_in_at=at(date(2026, 11, 2), 9, 1),
        check_out_at=None,
    )
    fields = ("id", "user_id", "date", "site_id", "check_in_at", "check_out_at")
    reader = Reader(AttendanceRecord, fields)
    day = reader.column("date")
    rows = reader.rows(f"{day} = %s", [reader.value("date", date(2026, 11, 2))])
    assert [list(r) for r in rows] == [
        list(r) for r in AttendanceRecord.objects.values_list(*fields)
    ]
    assert rows[0][4].utcoffset() is not None  # aware, as the ORM gives it


def test_an_empty_in_list_matches_nothing(cast):
    _overtime(cast.staff, date(2026, 11, 2))
    reader = Reader(OvertimeRequest)
    assert reader.objects(f"{reader.column('user')} IN ({placeholders([])})", []) == []


def test_a_reader_of_some_fields_does_not_make_partial_instances():
    with pytest.raises(TypeError):
        Reader(AttendanceRecord, ("id",)).objects("1 = 1", [])
