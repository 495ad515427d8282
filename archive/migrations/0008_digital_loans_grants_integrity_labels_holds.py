"""Digital loans, single-item grants (django-guardian), downloads, integrity checks of
stored files, copy label codes, holds; discrepancies name their item and may be about a
stored file. The new required columns are added empty here, filled by 0009 and made required by 0010
(separate transactions: PostgreSQL alters no table with pending deferred checks)."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('archive', '0007_audit_action_names'),
        ('auth', '0012_alter_user_first_name_max_length'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='FileDownload',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('downloaded_at', models.DateTimeField(verbose_name='downloaded at')),
                ('ip', models.GenericIPAddressField(blank=True, null=True, verbose_name='IP address')),
                ('sha256', models.CharField(max_length=64, verbose_name='SHA-256')),
                ('file_name', models.CharField(max_length=255, verbose_name='file name given')),
            ],
            options={
                'verbose_name': 'download',
                'verbose_name_plural': 'downloads',
                'ordering': ['-downloaded_at', '-id'],
            },
        ),
        migrations.CreateModel(
            name='Hold',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('waiting', 'In the queue'), ('offered', 'Copy kept'), ('fulfilled', 'Borrowed'), ('expired', 'Not collected in time'), ('cancelled', 'Cancelled')], default='waiting', max_length=10, verbose_name='status')),
                ('placed_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='queued at')),
                ('offered_at', models.DateTimeField(blank=True, null=True, verbose_name='told at')),
                ('keep_until', models.DateField(blank=True, null=True, verbose_name='kept until')),
                ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='closed at')),
            ],
            options={
                'verbose_name': 'hold',
                'verbose_name_plural': 'holds',
                'ordering': ['placed_at', 'id'],
            },
        ),
        migrations.CreateModel(
            name='ItemGrant',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reason', models.TextField(verbose_name='reason')),
                ('starts_at', models.DateTimeField(verbose_name='from')),
                ('ends_at', models.DateTimeField(verbose_name='until')),
                ('granted_at', models.DateTimeField(auto_now_add=True, verbose_name='granted at')),
            ],
            options={
                'verbose_name': 'single-item grant',
                'verbose_name_plural': 'single-item grants',
                'ordering': ['ends_at', 'id'],
                'abstract': False,
            },
        ),
        migrations.AddField(
            model_name='collection',
            name='direct_download_level',
            field=models.PositiveSmallIntegerField(default=0, help_text='Files of items at or below this classification may be downloaded by anyone who sees the item; above it only within a digital loan.', verbose_name='direct download up to'),
        ),
        migrations.AddField(
            model_name='collection',
            name='discrepancy_remind_days',
            field=models.PositiveIntegerField(default=14, help_text='A discrepancy open longer than this is reminded to the custodians.', verbose_name='remind of open discrepancies after (days)'),
        ),
        migrations.AddField(
            model_name='copy',
            name='code',
            field=models.CharField(help_text="Printed as a QR code on the copy's label; scanned or typed at hand-over.", max_length=40, null=True, verbose_name='label code'),
        ),
        migrations.AddField(
            model_name='discrepancy',
            name='detail',
            field=models.CharField(blank=True, max_length=200, verbose_name='detail'),
        ),
        migrations.AddField(
            model_name='discrepancy',
            name='item',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='discrepancies', to='archive.item', verbose_name='item'),
        ),
        migrations.AddField(
            model_name='discrepancy',
            name='item_file',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='discrepancies', to='archive.itemfile', verbose_name='stored file'),
        ),
        migrations.AddField(
            model_name='itemfile',
            name='last_check',
            field=models.CharField(blank=True, choices=[('intact', 'Intact'), ('altered', 'Altered'), ('missing', 'Missing')], max_length=10, verbose_name='last check'),
        ),
        migrations.AddField(
            model_name='itemfile',
            name='verified_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='last verified'),
        ),
        migrations.AddField(
            model_name='loan',
            name='access_days',
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='access window (days)'),
        ),
        migrations.AddField(
            model_name='loan',
            name='access_from',
            field=models.DateTimeField(blank=True, null=True, verbose_name='access from'),
        ),
        migrations.AddField(
            model_name='loan',
            name='access_until',
            field=models.DateTimeField(blank=True, null=True, verbose_name='access until'),
        ),
        migrations.AddField(
            model_name='loan',
            name='kind',
            field=models.CharField(choices=[('physical', 'Physical copy'), ('digital', 'Digital file')], default='physical', max_length=10, verbose_name='kind'),
        ),
        migrations.AddField(
            model_name='loan',
            name='revoked_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='revoked at'),
        ),
        migrations.AddField(
            model_name='loan',
            name='revoked_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AlterField(
            model_name='discrepancy',
            name='copy',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='discrepancies', to='archive.copy', verbose_name='copy'),
        ),
        migrations.AlterField(
            model_name='discrepancy',
            name='kind',
            field=models.CharField(choices=[('missing', 'Missing'), ('damaged', 'Damaged'), ('misplaced', 'Misplaced'), ('checksum', 'Stored file altered'), ('file_lost', 'Stored file missing')], max_length=10, verbose_name='finding'),
        ),
        migrations.AlterField(
            model_name='discrepancy',
            name='line',
            field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='discrepancy', to='archive.auditline', verbose_name='line'),
        ),
        migrations.AlterField(
            model_name='discrepancy',
            name='opened_at',
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name='opened at'),
        ),
        migrations.AlterField(
            model_name='loan',
            name='status',
            field=models.CharField(choices=[('requested', 'Requested'), ('approved', 'Approved'), ('rejected', 'Rejected'), ('handed_over', 'Handed over'), ('returned', 'Returned'), ('cancelled', 'Cancelled'), ('access', 'Access open'), ('ended', 'Access ended'), ('revoked', 'Access revoked')], default='requested', max_length=12, verbose_name='status'),
        ),
        migrations.AlterField(
            model_name='signature',
            name='moment',
            field=models.CharField(choices=[('hand_over', 'Hand-over'), ('return', 'Return'), ('terms', 'Digital terms')], max_length=10, verbose_name='moment'),
        ),
        migrations.AddIndex(
            model_name='discrepancy',
            index=models.Index(fields=['status', 'opened_at'], name='archive_dis_status_4c2f79_idx'),
        ),
        migrations.AddIndex(
            model_name='itemfile',
            index=models.Index(fields=['verified_at', 'id'], name='archive_file_verified'),
        ),
        migrations.AddIndex(
            model_name='loan',
            index=models.Index(fields=['status', 'access_until'], name='archive_loa_status_4a4870_idx'),
        ),
        migrations.AddConstraint(
            model_name='discrepancy',
            constraint=models.UniqueConstraint(condition=models.Q(('item_file__isnull', False), ('status', 'open')), fields=('item_file',), name='archive_one_open_file_discrepancy'),
        ),
        migrations.AddConstraint(
            model_name='discrepancy',
            constraint=models.CheckConstraint(condition=models.Q(('copy__isnull', False), ('item_file__isnull', False), _connector='OR'), name='archive_discrepancy_about_something'),
        ),
        migrations.AddField(
            model_name='filedownload',
            name='item',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='downloads', to='archive.item', verbose_name='item'),
        ),
        migrations.AddField(
            model_name='filedownload',
            name='item_file',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='downloads', to='archive.itemfile', verbose_name='file'),
        ),
        migrations.AddField(
            model_name='filedownload',
            name='loan',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='downloads', to='archive.loan', verbose_name='digital loan'),
        ),
        migrations.AddField(
            model_name='filedownload',
            name='user',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='downloaded by'),
        ),
        migrations.AddField(
            model_name='hold',
            name='copy',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='holds', to='archive.copy', verbose_name='copy kept'),
        ),
        migrations.AddField(
            model_name='hold',
            name='item',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='holds', to='archive.item', verbose_name='item'),
        ),
        migrations.AddField(
            model_name='hold',
            name='person',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='archive_holds', to=settings.AUTH_USER_MODEL, verbose_name='person'),
        ),
        migrations.AddField(
            model_name='itemgrant',
            name='content_object',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='person_grants', to='archive.item', verbose_name='item'),
        ),
        migrations.AddField(
            model_name='itemgrant',
            name='granted_by',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='granted by'),
        ),
        migrations.AddField(
            model_name='itemgrant',
            name='permission',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='auth.permission'),
        ),
        migrations.AddField(
            model_name='itemgrant',
            name='user',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddIndex(
            model_name='filedownload',
            index=models.Index(fields=['item', 'downloaded_at'], name='archive_fil_item_id_031387_idx'),
        ),
        migrations.AddIndex(
            model_name='hold',
            index=models.Index(fields=['item', 'status', 'placed_at'], name='archive_hol_item_id_e5dd11_idx'),
        ),
        migrations.AddConstraint(
            model_name='hold',
            constraint=models.UniqueConstraint(condition=models.Q(('status__in', ('waiting', 'offered'))), fields=('item', 'person'), name='archive_one_open_hold'),
        ),
        migrations.AddConstraint(
            model_name='hold',
            constraint=models.UniqueConstraint(condition=models.Q(('status', 'offered')), fields=('copy',), name='archive_copy_kept_once'),
        ),
        migrations.AddIndex(
            model_name='itemgrant',
            index=models.Index(fields=['user', 'ends_at'], name='archive_grant_user_window'),
        ),
        migrations.AddConstraint(
            model_name='itemgrant',
            constraint=models.CheckConstraint(condition=models.Q(('ends_at__gt', models.F('starts_at'))), name='archive_grant_window'),
        ),
        migrations.AlterUniqueTogether(
            name='itemgrant',
            unique_together={('user', 'permission', 'content_object')},
        ),
    ]
