"""Joins the department hierarchy (0005_department_parent…) and the hardening line (0005–0007)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("onsite", "0005_department_parent_audit_on_behalf"),
        ("onsite", "0007_heartbeat"),
    ]

    operations = []
