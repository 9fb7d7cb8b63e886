"""Load .po files into the database as catalogue edits: only entries that differ from the committed ones.

Each text is checked as the catalogue editor checks it (editorial.catalogue_checks); when one
breaks a rule, the command names every such entry and imports nothing.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from editorial import catalogue


class Command(BaseCommand):
    help = (
        "Store as catalogue edits the entries of .po files that differ from the committed catalogues "
        "(e.g. a catalogue a translator worked on offline). Entries the committed catalogue does not "
        "have are skipped. Texts are checked as in the catalogue editor; if one is refused, nothing is imported."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "source",
            help="A .po file (with --language) or a folder with <language>/LC_MESSAGES/django.po files.",
        )
        parser.add_argument("--language", choices=[code for code, _name in settings.LANGUAGES])

    def handle(self, *args, **options):
        files = self.files(Path(options["source"]), options["language"])
        changes, refused = [], []
        for language, path in files.items():
            for change in self.changes(language, self.read(path)):
                (refused if change[2] else changes).append(change)
        if refused:
            self.report_refused(refused)
            raise CommandError(f"Nothing imported: {len(refused)} entries break the catalogue's rules (above).")
        counts = dict.fromkeys(files, 0)
        for entry, texts, _problems in changes:
            catalogue.save_edit(entry, None, **texts)
            counts[entry.language] += 1
        for language, count in counts.items():
            self.stdout.write(f"{language}: {count} entries imported")
        self.stdout.write(self.style.SUCCESS(f"Imported {len(changes)} catalogue edits."))

    @staticmethod
    def files(source, language):
        """{language: .po path} of `source`: one file (its language named), or a folder of catalogues."""
        if source.is_file():
            if not language:
                raise CommandError("Name the language of a single .po file with --language.")
            return {language: source}
        if not source.is_dir():
            raise CommandError(f"{source} is neither a .po file nor a folder.")
        languages = [language] if language else [code for code, _name in settings.LANGUAGES]
        paths = {code: source / code / "LC_MESSAGES" / "django.po" for code in languages}
        return {code: path for code, path in paths.items() if path.exists()}

    @staticmethod
    def read(path):
        try:
            return polib.pofile(str(path), wrapwidth=0)
        except (OSError, ValueError) as error:
            raise CommandError(f"{path.name}: {error}") from error

    def report_refused(self, refused):
        """Every refused text, with its language, message and plural form, on stderr."""
        for entry, _texts, problems in refused:
            for index, found in problems.items():
                where = "" if index is None else f" (plural form {index + 1})"
                for problem in found:
                    self.stderr.write(f"{entry.language}: {entry.msgid!r}{where}: {problem.english()}")

    def changes(self, language, po):
        """(entry, texts, problems) for each entry of `po` that differs from the catalogue's text."""
        current = {(entry.msgctxt, entry.msgid): entry for entry in catalogue.entries(language)}
        result = []
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
                texts = {"msgstr_plural": forms}
            else:
                if po_entry.msgstr == entry.msgstr:
                    continue
                texts = {"msgstr": po_entry.msgstr}
            problems = catalogue.translation_problems(language, entry.msgid, entry.msgid_plural, **texts)
            result.append((entry, texts, problems))
        return result
