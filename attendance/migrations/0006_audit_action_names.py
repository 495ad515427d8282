"""Audit actions of attendance are named ``app.model.action`` like every app's.

Before: ``overtime.approve``, ``leave.cancel``, ``attendance.check_in``, ``calendar.add``,
``calendar.confirm_year``, ``leave_type.change``, ``attendance.export_start``, … After:
``attendance.overtime.approve``, ``attendance.leave.cancel``,
``attendance.record.check_in``, ``attendance.calendar_day.add``,
``attendance.calendar_year.confirm``, ``attendance.leave_type.change``,
``attendance.export.queue``, … An export made on the spot (``attendance.export_pdf`` and
``_xlsx``) was a download: ``attendance.export.download``, its format kept in the comment.
"""

from django.db import migrations

OVERTIME = ("submit", "approve", "reject", "file", "hr_reject", "cancel", "confirm_hours")
LEAVE = ("submit", "approve", "reject", "cancel")

RENAMED = {
    **{f"overtime.{verb}": f"attendance.overtime.{verb}" for verb in OVERTIME},
    **{f"leave.{verb}": f"attendance.leave.{verb}" for verb in LEAVE},
    "attendance.check_in": "attendance.record.check_in",
    "attendance.check_out": "attendance.record.check_out",
    "calendar.add": "attendance.calendar_day.add",
    "calendar.change": "attendance.calendar_day.change",
    "calendar.remove": "attendance.calendar_day.remove",
    "calendar.confirm_year": "attendance.calendar_year.confirm",
    "calendar.import": "attendance.calendar_year.import",
    "leave_allowance.set": "attendance.leave_allowance.set",
    "leave_type.add": "attendance.leave_type.add",
    "leave_type.change": "attendance.leave_type.change",
    "site_schedule.add": "attendance.site_schedule.add",
    "site_day_off.add": "attendance.site_day_off.add",
    "site_day_off.remove": "attendance.site_day_off.remove",
    "checkin_policy.save": "attendance.checkin_policy.save",
    "attendance.export_start": "attendance.export.queue",
    "attendance.export_retry": "attendance.export.retry",
    "attendance.export_download": "attendance.export.download",
}
MADE_ON_THE_SPOT = {"attendance.export_pdf": "pdf", "attendance.export_xlsx": "xlsx"}
DOWNLOAD = "attendance.export.download"


def rename(apps, schema_editor):
    AuditEntry = apps.get_model("onsite", "AuditEntry")
    for old, new in RENAMED.items():
        AuditEntry.objects.filter(action=old).update(action=new)
    for old, fmt in MADE_ON_THE_SPOT.items():
        for entry in AuditEntry.objects.filter(action=old).only("comment"):
            entry.action = DOWNLOAD
            entry.comment = f"{fmt} {entry.comment}".strip()
            entry.save(update_fields=["action", "comment"])


def rename_back(apps, schema_editor):
    AuditEntry = apps.get_model("onsite", "AuditEntry")
    for old, fmt in MADE_ON_THE_SPOT.items():
        # A download on the spot has no object and its comment starts with the format.
        spot = AuditEntry.objects.filter(action=DOWNLOAD, object_id="", comment__startswith=fmt)
        for entry in spot.only("comment"):
            entry.action = old
            entry.comment = entry.comment[len(fmt) :].strip()
            entry.save(update_fields=["action", "comment"])
    for old, new in RENAMED.items():
        AuditEntry.objects.filter(action=new).update(action=old)


class Migration(migrations.Migration):
    dependencies = [
        ("attendance", "0005_exports_framework"),
        ("onsite", "0004_audit_action_names"),
    ]

    # Audit lines are insert-only from onsite 0006 on: rename them before.
    run_before = [("onsite", "0006_audit_insert_only")]

    operations = [migrations.RunPython(rename, rename_back)]
