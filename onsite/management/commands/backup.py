"""``manage.py backup DIR``: the database's rows and the private files, with checksums."""

from django.core.management.base import BaseCommand, CommandError

from onsite.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database and the private files (with SHA-256 checksums) into DIR."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="a new or empty folder")

    def handle(self, directory, **options):
        try:
            manifest = backup(directory)
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(manifest["rows"].values())
        self.stdout.write(
            f"backup: {rows} rows of {len(manifest['rows'])} models, "
            f"{len(manifest['files'])} files, in {directory}"
        )
