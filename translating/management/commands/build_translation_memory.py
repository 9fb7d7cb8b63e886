from django.core.management.base import BaseCommand

from translating import memory


class Command(BaseCommand):
    help = "Build the translation memory from every translated item (aligned by block and sentence)."

    def handle(self, *args, **options):
        total = memory.rebuild()
        self.stdout.write(f"Translation memory: {total} pairs of segments.")
