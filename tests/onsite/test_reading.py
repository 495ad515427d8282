"""A ``Reader`` gives what the ORM gives: the same instances with every field's value of the
same type (dates, times, aware datetimes, booleans, decimals), and the same plain rows, on
SQLite and on PostgreSQL."""

from datetime import date, time

import pytest

from attendance.choices import Compensation, OvertimeKind, OvertimeStatus
from attendance.models import AttendanceRecord, OvertimeRequest
from onsite.reading import Reader, Statement, maker, placeholders
from tests.attendance.conftest import at


def _overtime(user, day, status=OvertimeStatus.SUPERVISOR_APPROVED, site=None):
    return OvertimeRequest.objects.create(
        user=user,
        site=site or user.assignments.first().site,
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


def _overtime_rows():
    """Overtime with what a list shows: its own columns (a date, times, an aware datetime,
    a boolean), an annotation over a join, and the applicant's names."""
    from django.db.models import F

    return (
        OvertimeRequest.objects.annotate(site_name=F("site__name"))
        .order_by("date", "id")
        .values_list(
            "id",
            "date",
            "start_time",
            "created_at",
            "submitted_late",
            "site_name",
            "user__username",
        )
    )


@pytest.mark.parametrize("low, high", [(0, None), (0, 2), (1, 3), (2, None), (4, 9)])
def test_a_statement_gives_the_rows_and_count_the_orm_gives(cast, low, high):
    for day in (2, 3, 4, 5):
        _overtime(cast.staff, date(2026, 11, day))
    _overtime(cast.supervisor, date(2026, 11, 3), site=cast.site)
    queryset = _overtime_rows()
    statement = Statement(queryset)
    rows = statement.rows(low, high)
    assert [tuple(r) for r in rows] == list(queryset[low:high])
    assert [type(v) for v in rows[0]] == [type(v) for v in queryset[low]]
    assert rows[0][3].utcoffset() is not None  # aware, as the ORM gives it
    assert statement.count() == queryset.count() == 5
    assert statement.names == ["id", "date", "start_time", "created_at"] + [
        "submitted_late",
        "site_name",
        "user__username",
    ]


def test_a_narrowed_statement_reads_what_the_narrowed_queryset_reads(cast):
    for day in (2, 3, 4):
        _overtime(cast.staff, date(2026, 11, day))
    _overtime(cast.supervisor, date(2026, 11, 3), site=cast.site)
    statement = Statement(_overtime_rows())
    mine = statement.queryset.filter(user=cast.supervisor)
    assert [tuple(r) for r in statement.rows(0, 10, mine)] == list(mine)
    assert statement.count(mine) == 1
    assert statement.rows(0, 10, statement.queryset.none()) == []
    assert statement.count(statement.queryset.none()) == 0
    other = statement.queryset.values_list("id")
    with pytest.raises(ValueError):
        statement.rows(0, 10, other)


def test_an_empty_slice_reads_nothing(cast, django_assert_num_queries):
    _overtime(cast.staff, date(2026, 11, 2))
    statement = Statement(_overtime_rows())
    with django_assert_num_queries(0):
        assert statement.rows(0, 0) == [] == statement.rows(3, 2)


def test_a_statement_is_compiled_once_and_its_narrowed_copies_each_time(cast, monkeypatch):
    from django.db.models.sql.compiler import SQLCompiler

    compiled = []
    as_sql = SQLCompiler.as_sql

    def counting(self, *args, **kwargs):
        compiled.append(self.query.model)
        return as_sql(self, *args, **kwargs)

    _overtime(cast.staff, date(2026, 11, 2))
    statement = Statement(_overtime_rows())
    monkeypatch.setattr(SQLCompiler, "as_sql", counting)
    for _ in range(3):
        statement.rows(0, 5)
        statement.count()
    assert compiled == [OvertimeRequest]
    narrowed = statement.queryset.filter(user=cast.staff)
    statement.rows(0, 5, narrowed)
    statement.rows(0, 5, narrowed)
    assert compiled == [OvertimeRequest] * 3


def test_made_instances_are_those_the_orm_makes(cast):
    made = _overtime(cast.staff, date(2026, 11, 2))
    names = ["id", "user_id", "date", "reason", "status"]
    orm = OvertimeRequest.objects.only(*names).get(pk=made.pk)
    values = {name: getattr(orm, name) for name in names}
    mine = maker(OvertimeRequest, "default")({**values, "site_name": "甲"})
    assert {k: v for k, v in vars(mine).items() if k != "_state"} == {
        **{k: v for k, v in vars(orm).items() if k != "_state"},
        "site_name": "甲",
    }
    assert mine.get_deferred_fields() == orm.get_deferred_fields()
    assert (mine._state.adding, mine._state.db) == (False, "default")
    assert mine.get_status_display() == orm.get_status_display()
    assert mine.planned_minutes == 150  # a field not read loads when asked, as only()'s
    assert mine.user == cast.staff


def test_a_model_with_an_init_receiver_is_made_by_from_db(cast):
    from django.db.models.signals import post_init

    made = _overtime(cast.staff, date(2026, 11, 2))
    seen = []

    def receiver(sender, instance, **kwargs):
        seen.append(instance)

    post_init.connect(receiver, sender=OvertimeRequest)
    try:
        mine = maker(OvertimeRequest, "default")({"id": made.pk, "reason": "x", "extra": 1})
    finally:
        post_init.disconnect(receiver, sender=OvertimeRequest)
    assert seen == [mine] and mine.extra == 1 and mine.reason == "x"
    assert mine.get_deferred_fields() == {
        f.attname for f in OvertimeRequest._meta.concrete_fields
    } - {"id", "reason"}
