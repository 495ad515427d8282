"""Every copy has a unique label code; every discrepancy names its item."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("archive", "0009_fill_copy_codes_and_discrepancy_items")]

    operations = [
        migrations.AlterField(
            model_name='copy',
            name='code',
            field=models.CharField(help_text="Printed as a QR code on the copy's label; scanned or typed at hand-over.", max_length=40, unique=True, verbose_name='label code'),
        ),
        migrations.AlterField(
            model_name='discrepancy',
            name='item',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='discrepancies', to='archive.item', verbose_name='item'),
        ),
    ]
