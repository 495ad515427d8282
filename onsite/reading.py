"""Reading many rows of one model with a statement written once, for the few hot reads that
run on every request of a busy page.

Building and compiling an ORM queryset costs about a millisecond of Python, more than
SQLite or PostgreSQL take to run it (measured on the attendance month pages: four fact
queries, 2.5 ms compiling for 0.4 ms of SQL). A ``Reader`` writes its ``SELECT`` from the
model's own table and column names once, runs it with the connection's cursor, and passes
each value through the same converters the ORM applies (so SQLite's text dates come back
as dates, its integers as booleans, and aware datetimes in UTC), giving model instances or
plain tuples. Conditions are given as SQL over the model's column names; an ``IN`` list's
placeholders come from ``placeholders``. Nothing user-typed is ever put in the SQL text.

Two more pieces for such reads:

- ``Statement``: a ``values_list`` queryset compiled once per database and run for a slice
  of its rows (the same SQL and the same converted values as the ORM's), or a narrowed copy
  of it (``visible()``'s) compiled on the spot through the same path;
- ``maker``: model instances made from a row's values as ``Model.from_db`` makes them,
  without ``Model.__init__`` (about 0.7 µs an instance instead of 6, measured) for a model
  that does nothing when it is made.
"""

import functools

from django.core.exceptions import EmptyResultSet
from django.db import connections, router
from django.db.models import Model, signals
from django.db.models.base import ModelState
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.query_utils import DeferredAttribute


def placeholders(values):
    """``%s, %s, …`` for an ``IN (…)`` of ``values`` (never empty: ``NULL`` matches none)."""
    return ", ".join(["%s"] * len(values)) or "NULL"


class Reader:
    """``SELECT <fields> FROM <model's table> WHERE …`` with the ORM's value converters.

    ``fields``: attribute names (default: every concrete field, for whole instances)."""

    def __init__(self, model, fields=None):
        self.model = model
        meta = model._meta
        self.fields = [meta.get_field(name) for name in fields] if fields else None
        self.whole = fields is None
        self._by_alias = {}

    def column(self, name):
        """The quoted column of the field ``name``, for a condition."""
        return connections["default"].ops.quote_name(self.model._meta.get_field(name).column)

    def value(self, field, value):
        """``value`` as the database takes it for ``field`` (a date as SQLite's text)."""
        connection = connections[router.db_for_read(self.model)]
        return self.model._meta.get_field(field).get_db_prep_value(value, connection)

    def _prepared(self, alias):
        """(select clause, converters per column) for the database ``alias``, made once."""
        found = self._by_alias.get(alias)
        if found is None:
            connection = connections[alias]
            quote = connection.ops.quote_name
            meta = self.model._meta
            fields = self.fields or list(meta.concrete_fields)
            table = meta.db_table
            converters = []
            for index, field in enumerate(fields):
                column = field.get_col(table)
                convs = connection.ops.get_db_converters(column) + column.get_db_converters(
                    connection
                )
                if convs:
                    converters.append((index, convs, column))
            select = ", ".join(f"{quote(table)}.{quote(f.column)}" for f in fields)
            found = self._by_alias[alias] = (
                f"SELECT {select} FROM {quote(table)}",  # noqa: S608 - names from the model
                converters,
                [f.attname for f in fields],
            )
        return found

    def convert(self, rows, columns):
        """Convert the values of ``rows`` (from any statement) in ``columns``, the n-th of
        them as this reader's n-th field would be (a union's columns borrow a field's
        converters)."""
        alias = router.db_for_read(self.model)
        by_field = {index: (convs, column) for index, convs, column in self._prepared(alias)[1]}
        chosen = [(columns[i], *by_field[i]) for i in range(len(columns)) if i in by_field]
        return _converted(rows, chosen, connections[alias])

    def rows(self, where, params, *, order=""):
        """The converted rows (lists) matching ``where`` (SQL over column names)."""
        alias = router.db_for_read(self.model)
        connection = connections[alias]
        select, converters, _names = self._prepared(alias)
        sql = f"{select} WHERE {where}" + (f" ORDER BY {order}" if order else "")
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            found = cursor.fetchall()
        return _converted(found, converters, connection) if converters else found

    def objects(self, where, params, *, order=""):
        """Model instances (whole, as the ORM would build them) matching ``where``."""
        if not self.whole:
            raise TypeError("objects() needs a Reader of every field")
        alias = router.db_for_read(self.model)
        names = self._prepared(alias)[2]
        make = maker(self.model, alias)
        rows = self.rows(where, params, order=order)
        return [make(dict(zip(names, row, strict=True))) for row in rows]


def _converted(rows, converters, connection):
    """``rows`` as lists, each value at an index of ``converters`` ([(index, converters,
    column)]) passed through its converters as the ORM passes it."""
    found = []
    for row in rows:
        row = list(row)
        for index, convs, column in converters:
            value = row[index]
            for convert in convs:
                value = convert(value, column, connection)
            row[index] = value
        found.append(row)
    return found


class Statement:
    """The rows of a ``values_list`` queryset, its SQL compiled once per database.

    ``rows(low, high)`` runs the statement for rows ``[low:high]`` (``LIMIT``/``OFFSET`` as
    the ORM writes them), converted as the ORM converts them; ``count()`` counts all of
    them. Either takes ``queryset=``, a copy of the statement's own queryset narrowed by
    filters (a scope's): that one is compiled on the spot, since its filters' values are
    the asking person's. ``names``: the columns of a row, in order.
    """

    def __init__(self, queryset):
        self.queryset = queryset
        self.names = _names(queryset)
        self._by_alias = {}

    def _compiled(self, queryset, alias):
        """(select SQL, params, converters) of ``queryset``: remembered for the statement's
        own queryset, worked out each time for any other."""
        own = queryset is self.queryset
        found = self._by_alias.get(alias) if own else None
        if found is None:
            if _names(queryset) != self.names:
                raise ValueError("A narrowed queryset must select the statement's columns.")
            compiler = queryset.query.get_compiler(alias)
            try:
                sql, params = compiler.as_sql()
            except EmptyResultSet:  # a filter that matches nothing (``none()``)
                return _NOTHING
            fields = [selected[0] for selected in compiler.select[: compiler.col_count]]
            converters = [
                (index, convs, expression)
                for index, (convs, expression) in compiler.get_converters(fields).items()
            ]
            found = (sql, tuple(params), converters)
            if own:
                self._by_alias[alias] = found
        return found

    def rows(self, low=0, high=None, queryset=None):
        """The converted rows ``[low:high]`` (lists, columns as ``names``)."""
        if high is not None and high <= low:
            return []  # as the ORM's empty slice: nothing asked, nothing run
        queryset = self.queryset if queryset is None else queryset
        alias = queryset.db
        connection = connections[alias]
        sql, params, converters = self._compiled(queryset, alias)
        if sql is None:
            return []
        limits = connection.ops.limit_offset_sql(low, high)
        with connection.cursor() as cursor:
            cursor.execute(f"{sql} {limits}" if limits else sql, params)
            found = cursor.fetchall()
        return _converted(found, converters, connection) if converters else found

    def count(self, queryset=None):
        """How many rows the statement (or the narrowed ``queryset``) has in all."""
        queryset = self.queryset if queryset is None else queryset
        alias = queryset.db
        connection = connections[alias]
        sql, params, _converters = self._compiled(queryset, alias)
        if sql is None:
            return 0
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM ({sql}) counted", params)  # noqa: S608
            return cursor.fetchone()[0]


_NOTHING = (None, (), [])


def _names(queryset):
    """The columns of a ``values_list`` queryset's rows, in the order its SQL selects them."""
    query = queryset.query
    if query.selected is not None:
        return list(query.selected)
    return [*query.extra_select, *query.values_select, *query.annotation_select]


@functools.cache
def _plain(model):
    """The model does nothing when an instance is made: no ``__init__`` or ``from_db`` of its
    own, and every concrete field reads and writes its value in the instance's dict."""
    return (
        model.__init__ is Model.__init__
        and model.from_db.__func__ is Model.from_db.__func__
        and all(
            type(getattr(model, field.attname, None)) in _PLAIN_DESCRIPTORS
            for field in model._meta.concrete_fields
        )
    )


_PLAIN_DESCRIPTORS = (DeferredAttribute, ForeignKeyDeferredAttribute)


def maker(model, alias):
    """``make(values)``: a ``model`` instance of ``values`` ({attname: value}, the fields
    not named deferred, other names set as attributes as annotations are), the same as
    ``model.from_db(alias, …)`` gives and then the annotations set. Without ``__init__``
    when the model does nothing on being made and no ``pre_init``/``post_init`` receiver
    listens (asked once per maker: make one per read)."""
    if not _plain(model) or any(
        signal.has_listeners(model) for signal in (signals.pre_init, signals.post_init)
    ):
        fields = [field.attname for field in model._meta.concrete_fields]

        def make_slowly(values):
            names = [name for name in fields if name in values]
            instance = model.from_db(alias, names, [values[name] for name in names])
            for name, value in values.items():
                if name not in names:
                    setattr(instance, name, value)
            return instance

        return make_slowly
    new = model.__new__

    def make(values):
        instance = new(model)
        instance.__dict__.update(values)
        state = instance._state = ModelState()
        state.adding = False
        state.db = alias
        return instance

    return make
