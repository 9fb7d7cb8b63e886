"""Apply the scheduled changes whose time has come (what the job queue's periodic job does every minute)."""

from django.core.management.base import BaseCommand

from editorial import scheduled


class Command(BaseCommand):
    help = "Apply the scheduled changes of live items whose time has come (without a job queue: cron, the quick start)."

    def handle(self, *args, **options):
        applied = scheduled.apply_due()
        self.stdout.write(f"{applied} scheduled change(s) applied.")
