"""Stamps of attendance facts, changed by triggers on every write (``models/stamps.py``).

A person's stamp changes when one of their check-ins, corrections, leave or overtime
requests or site assignments is inserted, updated or deleted; the sites' stamp (person 0)
when a schedule, a client day off, a national calendar day or year or a leave type is.
Each stamp is a new random number. The table names are frozen here, as a migration's are.
"""

from django.db import migrations, models

STAMPS = "attendance_factstamp"
# (table, column of the person); None: a fact of every site.
FACTS = [
    ("attendance_attendancerecord", "user_id"),
    ("attendance_punchcorrection", "user_id"),
    ("attendance_leaverequest", "user_id"),
    ("attendance_overtimerequest", "user_id"),
    ("onsite_assignment", "user_id"),
    ("attendance_siteschedule", None),
    ("attendance_sitedayoff", None),
    ("attendance_holidaycalendarday", None),
    ("attendance_calendaryear", None),
    ("attendance_leavetype", None),
]
OPERATIONS = ("INSERT", "UPDATE", "DELETE")
# A new person gets a stamp at once: a month without any fact is remembered too.
PEOPLE = "auth_user"


def _sqlite(table, column, operation):
    rows = {"INSERT": ["NEW"], "DELETE": ["OLD"], "UPDATE": ["OLD", "NEW"]}[operation]
    people = [f'{row}."{column}"' for row in rows] if column else ["0"]
    body = "".join(
        f'INSERT OR REPLACE INTO "{STAMPS}" ("person_id", "stamp") VALUES ({who}, random()); '
        for who in dict.fromkeys(people)
    )
    name = f"{table}_stamp_{operation.lower()}"
    create = f'CREATE TRIGGER "{name}" AFTER {operation} ON "{table}" FOR EACH ROW BEGIN {body}END'
    return create, f'DROP TRIGGER IF EXISTS "{name}"'


def _postgresql(table, column, operations="INSERT OR UPDATE OR DELETE"):
    name = f"{table}_stamp"
    stamp = (
        f'INSERT INTO "{STAMPS}" ("person_id", "stamp") VALUES (%s, (random() * 4e18)::bigint) '
        'ON CONFLICT ("person_id") DO UPDATE SET "stamp" = EXCLUDED."stamp";'
    )
    if column is None:
        body = stamp % "0"
    else:
        body = (
            f"IF TG_OP <> 'INSERT' THEN {stamp % f'OLD.{column}'} END IF; "
            f"IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.{column} IS DISTINCT FROM "
            f"OLD.{column}) THEN {stamp % f'NEW.{column}'} END IF;"
        )
    create = (
        f'CREATE OR REPLACE FUNCTION "{name}"() RETURNS trigger AS $$ BEGIN {body} '
        "RETURN NULL; END; $$ LANGUAGE plpgsql; "
        f'CREATE TRIGGER "{name}" AFTER {operations} ON "{table}" '
        f'FOR EACH ROW EXECUTE FUNCTION "{name}"();'
    )
    return (
        create,
        f'DROP TRIGGER IF EXISTS "{name}" ON "{table}"; DROP FUNCTION IF EXISTS "{name}"();',
    )


def _postgresql_truncate():
    """A TRUNCATE fires no row trigger (PostgreSQL): truncating a fact table forgets every
    stamp, so nothing is remembered until the facts are written again."""
    name = "attendance_facts_truncated"
    create = (
        f'CREATE OR REPLACE FUNCTION "{name}"() RETURNS trigger AS $$ BEGIN '
        f'DELETE FROM "{STAMPS}"; RETURN NULL; END; $$ LANGUAGE plpgsql; '
    ) + "".join(
        f'CREATE TRIGGER "{table}_truncated" AFTER TRUNCATE ON "{table}" '
        f'FOR EACH STATEMENT EXECUTE FUNCTION "{name}"(); '
        for table, _column in FACTS
    )
    drop = "".join(
        f'DROP TRIGGER IF EXISTS "{table}_truncated" ON "{table}"; ' for table, _c in FACTS
    )
    return create, f'{drop}DROP FUNCTION IF EXISTS "{name}"();'


def statements(vendor):
    """[(create, drop)] of the triggers on ``vendor`` (none on another database)."""
    if vendor == "sqlite":  # a DELETE without WHERE fires row triggers (no truncation)
        facts = [_sqlite(t, c, op) for t, c in FACTS for op in OPERATIONS]
        return [*facts, _sqlite(PEOPLE, "id", "INSERT")]
    if vendor == "postgresql":
        facts = [_postgresql(t, c) for t, c in FACTS]
        return [*facts, _postgresql(PEOPLE, "id", "INSERT"), _postgresql_truncate()]
    return []


def ensure(apps, schema_editor):
    """The triggers made again (dropped first if there) and every stamp renewed. A later
    migration that alters a fact table runs it after (on SQLite most alterations rebuild the
    table without its triggers; ``test_every_fact_table_has_its_stamp_triggers…`` fails until
    they are back): ``migrations.RunPython(fact_stamps.ensure, migrations.RunPython.noop)``
    with ``fact_stamps = importlib.import_module("attendance.migrations.0008_fact_stamps")``."""
    vendor = schema_editor.connection.vendor
    for sql, drop_sql in statements(vendor):
        schema_editor.execute(drop_sql, params=None)
        schema_editor.execute(sql, params=None)
    # Whatever was written without the triggers: every stamp new, so nothing remembered
    # before stands for it.
    random = "random()" if vendor == "sqlite" else "(random() * 4e18)::bigint"
    schema_editor.execute(f'DELETE FROM "{STAMPS}"', params=None)  # noqa: S608
    schema_editor.execute(
        f'INSERT INTO "{STAMPS}" ("person_id", "stamp") SELECT 0, {random} '  # noqa: S608
        f'UNION ALL SELECT "id", {random} FROM "{PEOPLE}"',
        params=None,
    )


def drop(apps, schema_editor):
    for _create, sql in statements(schema_editor.connection.vendor):
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("attendance", "0007_corrections_deputies_policy"),
        ("onsite", "0009_sentreminder_scan"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.CreateModel(
            name="FactStamp",
            fields=[
                (
                    "person_id",
                    models.BigIntegerField(
                        primary_key=True, serialize=False, verbose_name="person"
                    ),
                ),
                ("stamp", models.BigIntegerField(verbose_name="stamp")),
            ],
            options={
                "verbose_name": "attendance facts stamp",
                "verbose_name_plural": "attendance facts stamps",
                "default_permissions": (),
            },
        ),
        migrations.RunPython(ensure, drop),
    ]
