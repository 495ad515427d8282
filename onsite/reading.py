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
"""

from django.db import connections, router


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
        from_db = self.model.from_db
        return [from_db(alias, names, row) for row in self.rows(where, params, order=order)]


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
