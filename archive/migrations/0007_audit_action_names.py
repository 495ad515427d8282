"""Audit actions of the registers made on the spot are named ``app.model.action``."""

from django.db import migrations

RENAMED = {
    "archive.register.items": "archive.item.export",
    "archive.register.loans": "archive.loan.export",
}


def rename(apps, schema_editor):
    AuditEntry = apps.get_model("onsite", "AuditEntry")
    for old, new in RENAMED.items():
        AuditEntry.objects.filter(action=old).update(action=new)


def rename_back(apps, schema_editor):
    AuditEntry = apps.get_model("onsite", "AuditEntry")
    for old, new in RENAMED.items():
        AuditEntry.objects.filter(action=new).update(action=old)


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0006_exports_framework"),
        ("onsite", "0004_audit_action_names"),
    ]

    # Audit lines are insert-only from onsite 0006 on: rename them before.
    run_before = [("onsite", "0006_audit_insert_only")]

    operations = [migrations.RunPython(rename, rename_back)]
