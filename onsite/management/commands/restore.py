"""``manage.py restore DIR``: a backup into an empty installation, every checksum checked."""

from django.core.management.base import BaseCommand, CommandError

from onsite.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup made by 'backup' into this empty, migrated installation."

    def add_arguments(self, parser):
        parser.add_argument("directory")

    def handle(self, directory, **options):
        try:
            summary = restore(directory)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            "restore: {rows} rows of {models} models and {files} files restored; every file's "
            "SHA-256 matches the backup ({recorded_checksums} also match their rows)".format(
                **summary
            )
        )
