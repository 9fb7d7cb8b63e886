from django.core.management.base import BaseCommand

from translating import glossary


class Command(BaseCommand):
    help = "Add the terms of docs/glossary.md that the glossary in the database does not have yet."

    def handle(self, *args, **options):
        added = glossary.seed()
        self.stdout.write(f"Glossary: {added} terms added.")
