"""Existing copies get their label code (reference and number), discrepancies their item."""

from django.db import migrations


def fill_codes_and_items(apps, schema_editor):
    Copy = apps.get_model("archive", "Copy")
    for copy in Copy.objects.select_related("item__collection").iterator():
        copy.code = f"{copy.item.collection.code}-{copy.item_id:05d}-{copy.number}"
        copy.save(update_fields=["code"])
    Discrepancy = apps.get_model("archive", "Discrepancy")
    for discrepancy in Discrepancy.objects.select_related("copy").iterator():
        discrepancy.item_id = discrepancy.copy.item_id
        discrepancy.save(update_fields=["item"])


class Migration(migrations.Migration):
    dependencies = [("archive", "0008_digital_loans_grants_integrity_labels_holds")]

    operations = [migrations.RunPython(fill_codes_and_items, migrations.RunPython.noop)]
