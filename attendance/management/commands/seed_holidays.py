"""Load the official holiday calendar of one or more years from the chinese-calendar package.

Run it after upgrading the package when the State Council publishes a new year.
Days HR entered by hand are kept; a year without official data is marked provisional.
"""

from django.core.management.base import BaseCommand

from attendance.holidays import official_years, seed_year


class Command(BaseCommand):
    help = "Seed the holiday calendar from the chinese-calendar package."

    def add_arguments(self, parser):
        parser.add_argument("years", nargs="*", type=int, help="years (default: all from 2025)")

    def handle(self, *args, years, **options):
        known = official_years()
        for year in years or [y for y in known if y >= 2025]:
            rows = seed_year(year)
            if rows:
                self.stdout.write(f"{year}: {rows} official days")
            else:
                self.stdout.write(self.style.WARNING(f"{year}: no official data, provisional"))
