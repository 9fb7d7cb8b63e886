"""Write the translators' catalogue edits from the database into locale/<language>/LC_MESSAGES/django.po."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from editorial import catalogue
from editorial.models import CatalogueEdit


class Command(BaseCommand):
    help = (
        "Write the catalogue edits stored in the database into the .po files (to commit them to the "
        "repository), then compile the catalogues."
    )

    def add_arguments(self, parser):
        parser.add_argument("--language", action="append", choices=[code for code, _name in settings.LANGUAGES])
        parser.add_argument(
            "--output",
            help="Write <output>/<language>/LC_MESSAGES/django.po instead of the project's locale/ folder.",
        )
        parser.add_argument("--no-compile", action="store_true", help="Do not compile the .mo files afterwards.")

    def handle(self, *args, **options):
        languages = options["language"] or [code for code, _name in settings.LANGUAGES]
        total = 0
        for language in languages:
            if not catalogue.catalogue_path(language).exists():
                raise CommandError(
                    f"No catalogue for {language}: {catalogue.catalogue_path(language).name} is missing."
                )
            edits = CatalogueEdit.objects.filter(language=language)
            changed = catalogue.write_pofile(language, edits, options["output"])
            total += changed
            self.stdout.write(f"{language}: {changed} entries changed")
        if not options["output"] and not options["no_compile"]:
            call_command("compile_catalogues", verbosity=0)
        self.stdout.write(self.style.SUCCESS(f"Exported {total} catalogue edits."))
