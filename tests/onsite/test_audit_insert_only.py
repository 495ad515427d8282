"""The audit trail is insert-only in the database (PostgreSQL, the production database).

An UPDATE or DELETE through the ORM (or plain SQL) is refused by a trigger; deleting a
person or a content type still works, the lines keep who and what.
"""

import sys
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection, transaction
from django.db.migrations.loader import MigrationLoader

from onsite import audit
from onsite.models import AuditEntry
from tests.conftest import is_postgres
from tests.factories import UserFactory

INSERT_ONLY = ("onsite", "0006_audit_insert_only")


@pytest.fixture
def on_postgres(db):
    if not is_postgres():
        pytest.skip("the trigger is PostgreSQL's (set DATABASE_URL)")


@pytest.fixture
def entry(cast):
    return audit.record(cast.hr, "onsite.test.check", cast.site, comment="原始意见")


def _refused(change):
    with pytest.raises(DatabaseError, match="insert-only"), transaction.atomic():
        change()


@pytest.mark.postgres
def test_an_update_through_the_orm_is_refused(on_postgres, entry):
    _refused(lambda: AuditEntry.objects.filter(pk=entry.pk).update(comment="改过"))
    entry.comment = "改过"
    _refused(lambda: entry.save())
    _refused(lambda: AuditEntry.objects.filter(pk=entry.pk).update(actor=None, comment="改过"))
    entry.refresh_from_db()
    assert entry.comment == "原始意见"


@pytest.mark.postgres
def test_a_delete_through_the_orm_or_sql_is_refused(on_postgres, entry):
    _refused(lambda: AuditEntry.objects.filter(pk=entry.pk).delete())
    _refused(lambda: entry.delete())

    def plain_sql():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM onsite_auditentry")

    _refused(plain_sql)
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_deleting_a_person_keeps_their_lines_with_their_name(cast):
    gone = UserFactory(username="leaver", last_name="李", first_name="四")
    line = audit.record(gone, "onsite.test.check", cast.site, comment="离职前")
    gone.delete()
    line.refresh_from_db()
    assert line.actor is None
    assert line.actor_name == "leaver 李四"
    assert line.comment == "离职前"


def test_deleting_a_content_type_keeps_the_lines(cast):
    kind = ContentType.objects.create(app_label="gone", model="thing")
    line = AuditEntry.objects.create(action="gone.thing.x", content_type=kind, object_repr="物")
    kind.delete()
    line.refresh_from_db()
    assert line.content_type is None and line.object_repr == "物"


def test_every_migration_that_rewrites_audit_lines_runs_before_the_trigger(db):
    loader = MigrationLoader(connection)
    before = loader.graph.forwards_plan(INSERT_ONLY)
    for key, migration in loader.disk_migrations.items():
        source = Path(sys.modules[migration.__module__].__file__).read_text(encoding="utf-8")
        rewrites = "AuditEntry" in source and (".update(" in source or "entry.save(" in source)
        if rewrites and key != INSERT_ONLY:
            assert key in before, f"{key} rewrites audit lines after they became insert-only"
