"""Audit actions of the core are named ``app.model.action`` like every app's."""

from django.db import migrations


def rename(apps, schema_editor):
    AuditEntry = apps.get_model("onsite", "AuditEntry")
    AuditEntry.objects.filter(action="assignment.create").update(
        action="onsite.assignment.create"
    )
    for verb in ("add", "change", "delete"):
        for entry in AuditEntry.objects.filter(action=f"admin.{verb}").select_related(
            "content_type"
        ):
            ct = entry.content_type
            prefix = f"{ct.app_label}.{ct.model}" if ct else "onsite.unknown"
            entry.action = f"{prefix}.admin_{verb}"
            entry.save(update_fields=["action"])


def rename_back(apps, schema_editor):
    AuditEntry = apps.get_model("onsite", "AuditEntry")
    AuditEntry.objects.filter(action="onsite.assignment.create").update(
        action="assignment.create"
    )
    for verb in ("add", "change", "delete"):
        AuditEntry.objects.filter(action__endswith=f".admin_{verb}").update(
            action=f"admin.{verb}"
        )


class Migration(migrations.Migration):
    dependencies = [("onsite", "0003_notification_kind_and_mutes")]

    operations = [migrations.RunPython(rename, rename_back)]
