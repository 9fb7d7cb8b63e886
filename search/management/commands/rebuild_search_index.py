from django.core.management.base import BaseCommand

from search import indexing, query


class Command(BaseCommand):
    help = "Rebuild the search index of news, projects, partners and pages in every language."

    def add_arguments(self, parser):
        parser.add_argument(
            "--kind",
            action="append",
            choices=[code for code, _label in query.kinds()],
            help="Only this kind (repeatable).",
        )

    def handle(self, *args, kind=None, **options):
        total = indexing.rebuild(stdout=self.stdout if options["verbosity"] > 0 else None, kinds_only=kind)
        if options["verbosity"] > 0:
            self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {total} entries."))
