"""The audit trail is insert-only in the database (PostgreSQL; SQLite is for development).

A trigger refuses every UPDATE and DELETE of ``onsite_auditentry`` — from the ORM, the
admin, a shell or plain SQL of the application's role — except the one change deleting a
person or a content type makes: ``actor_id`` / ``content_type_id`` set to NULL with
everything else unchanged (``actor_name`` and ``object_repr`` keep who and what). TRUNCATE
is not a row change and stays possible for the database owner (tests' flush, a restore).

Data migrations that rewrite audit lines (the action renames of the core, archive and
attendance) run before this one (``run_before`` in theirs).
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION onsite_audit_insert_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND (NEW.actor_id IS NULL OR NEW.actor_id = OLD.actor_id)
       AND (NEW.content_type_id IS NULL OR NEW.content_type_id = OLD.content_type_id)
       AND to_jsonb(NEW) - 'actor_id' - 'content_type_id'
           = to_jsonb(OLD) - 'actor_id' - 'content_type_id'
    THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'the audit trail is insert-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER onsite_audit_insert_only
    BEFORE UPDATE OR DELETE ON onsite_auditentry
    FOR EACH ROW EXECUTE FUNCTION onsite_audit_insert_only();
"""
DROP = """
DROP TRIGGER IF EXISTS onsite_audit_insert_only ON onsite_auditentry;
DROP FUNCTION IF EXISTS onsite_audit_insert_only();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("onsite", "0005_audit_actor_name")]

    operations = [migrations.RunPython(create, drop)]
