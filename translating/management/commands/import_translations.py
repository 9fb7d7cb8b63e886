"""Import a translated XLIFF or PO file exported by Ura, as a user (dry run first with --dry-run)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from translating import importing
from translating.management.commands.export_translations import operator


class Command(BaseCommand):
    help = (
        "Import a translated XLIFF 1.2, XLIFF 2.0 or PO file with the same rules as the admin; the changes are "
        "recorded as --user's. Forbidden glossary variants stop the import unless --accept-warnings is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--user", required=True, help="The user the changes are recorded as.")
        parser.add_argument("--dry-run", action="store_true", help="Only show what would change.")
        parser.add_argument(
            "--accept-warnings", action="store_true", help="Apply even when the glossary flags a forbidden variant."
        )

    def handle(self, *args, **options):
        user = operator(options["user"])
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No file {path}.")
        try:
            parsed = importing.read(path.read_bytes())
            report = importing.evaluate(parsed, user)
            self.write_report(report)
            if options["dry_run"]:
                self.stdout.write(f"Dry run: {report.changes} fields would change; nothing was saved.")
                return
            if report.warnings and not options["accept_warnings"]:
                raise CommandError(
                    "The glossary flags forbidden variants (above): check them, then use --accept-warnings."
                )
            report = importing.apply(
                importing.read(path.read_bytes()), user, accept_warnings=options["accept_warnings"]
            )
        except importing.ExchangeError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(f"Imported: {report.applied} items saved, {report.changes} fields changed.")
        )

    def write_report(self, report):
        for item in report.items():
            self.stdout.write(f"{item['type']} “{item['title']}” ({item['url']})")
            for result in item["fields"]:
                self.stdout.write(f"  {result.label}: {result.status_label}")
                if result.status == importing.CHANGE:
                    self.stdout.write(f"    - {result.before}\n    + {result.after}")
                elif result.status == importing.NEEDS_REVIEW:
                    self.stdout.write(f"    source at export: {result.old_source}\n    source now: {result.new_source}")
                elif result.status == importing.CONFLICT:
                    self.stdout.write(f"    in Ura now: {result.before}\n    in the file: {result.after}")
        for warning in report.warnings:
            self.stdout.write(
                self.style.WARNING(
                    f"Glossary: “{warning['variant']}” in {warning['field']} of “{warning['item']}”; "
                    f"use “{warning['preferred']}”."
                )
            )
