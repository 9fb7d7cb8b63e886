"""Load .po files into the database as catalogue edits: only entries that differ from the committed ones."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from editorial import catalogue


class Command(BaseCommand):
    help = (
        "Store as catalogue edits the entries of .po files that differ from the committed catalogues "
        "(e.g. a catalogue a translator worked on offline). Entries the committed catalogue does not "
        "have are skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "source",
            help="A .po file (with --language) or a folder with <language>/LC_MESSAGES/django.po files.",
        )
        parser.add_argument("--language", choices=[code for code, _name in settings.LANGUAGES])

    def handle(self, *args, **options):
        source = Path(options["source"])
        if source.is_file():
            if not options["language"]:
                raise CommandError("Name the language of a single .po file with --language.")
            files = {options["language"]: source}
        elif source.is_dir():
            languages = [options["language"]] if options["language"] else [code for code, _n in settings.LANGUAGES]
            files = {code: source / code / "LC_MESSAGES" / "django.po" for code in languages}
            files = {code: path for code, path in files.items() if path.exists()}
        else:
            raise CommandError(f"{source} is neither a .po file nor a folder.")
        total = 0
        for language, path in files.items():
            try:
                po = polib.pofile(str(path), wrapwidth=0)
            except (OSError, ValueError) as error:
                raise CommandError(f"{path.name}: {error}") from error
            current = {(entry.msgctxt, entry.msgid): entry for entry in catalogue.entries(language)}
            imported = 0
            for po_entry in po:
                if po_entry.obsolete or not po_entry.msgid or "fuzzy" in po_entry.flags:
                    continue
                entry = current.get((po_entry.msgctxt or "", po_entry.msgid))
                if entry is None:
                    continue
                if entry.is_plural:
                    forms = [po_entry.msgstr_plural.get(index, "") for index in range(catalogue.nplurals(language))]
                    if forms == entry.msgstr_plural:
                        continue
                    catalogue.save_edit(entry, None, msgstr_plural=forms)
                else:
                    if po_entry.msgstr == entry.msgstr:
                        continue
                    catalogue.save_edit(entry, None, msgstr=po_entry.msgstr)
                imported += 1
            total += imported
            self.stdout.write(f"{language}: {imported} entries imported")
        self.stdout.write(self.style.SUCCESS(f"Imported {total} catalogue edits."))
