import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from onsite import scale as scaling


class Command(BaseCommand):
    help = (
        "Fill an EMPTY (migrated) database with a company of --staff on-site staff and a "
        "year of every app's data, for measuring speed (bench/run.py). Refuses a database "
        "that already has people."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--staff", type=int, default=500, help="On-site staff (500; 50 a tenth)."
        )
        parser.add_argument(
            "--end", type=date.fromisoformat, default=None, help="Last day of the data (today)."
        )
        parser.add_argument("--seed", type=int, default=scaling.SEED, help="Random seed.")

    def handle(self, *args, staff, end, seed, **options):
        if staff < 1:
            raise CommandError("--staff must be at least 1.")
        started = time.perf_counter()
        self.stdout.write(f"Building a company of {staff} staff…")
        try:
            scale = scaling.build(staff, end=end, seed=seed, log=self.stdout.write)
        except scaling.NotEmpty as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Done in {time.perf_counter() - started:.0f} s: {staff} staff in "
            f"{len(scale.departments)} departments at {len(scale.sites)} sites, data up to "
            f"{scale.end}."
        )
        self.stdout.write(f"Log-ins (password for all: {scaling.SCALE_PASSWORD}):")
        for role, username in scaling.logins(scale):
            self.stdout.write(f"  {username:<10} {role}")
