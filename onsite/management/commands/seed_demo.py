from django.core.management.base import BaseCommand

from onsite.demo import DEMO_PASSWORD, demo_logins, load_demo_data


class Command(BaseCommand):
    help = "Load the demo company (idempotent: creates what is missing, changes nothing else)."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Do not print the log-ins.")

    def handle(self, *args, quiet=False, **options):
        load_demo_data()
        if quiet:
            return
        self.stdout.write(f"Demo log-ins (password for all: {DEMO_PASSWORD}):")
        for label, username in demo_logins():
            self.stdout.write(f"  {username:<10} {label}")
