from django.core.management.base import BaseCommand, CommandError

from mirror.builder import build_snapshot, run_pagefind, snapshot_languages


class Command(BaseCommand):
    help = "Write the public site as static files into DEST, with relative links, and index them for search."

    def add_arguments(self, parser):
        parser.add_argument("dest", help="The folder to write the snapshot into.")
        parser.add_argument("--languages", help="Comma-separated language codes (default: every language).")
        parser.add_argument("--base-url", help="The mirror's address, for the sitemaps' absolute addresses.")
        parser.add_argument(
            "--processes",
            type=int,
            default=1,
            help="Pages rendered and written by this many processes at once (default 1; at most the cores free).",
        )
        parser.add_argument("--no-search", action="store_true", help="Do not build the search index.")
        parser.add_argument(
            "--send", action="store_true", help="Then send the changed files to every SNAPSHOT_DESTINATIONS entry."
        )

    def handle(self, *args, dest, languages=None, base_url=None, no_search=False, send=False, processes=1, **options):
        if processes < 1:
            raise CommandError("--processes is at least 1.")
        codes = snapshot_languages()
        chosen = [code.strip() for code in languages.split(",")] if languages else codes
        unknown = [code for code in chosen if code not in codes]
        if unknown:
            raise CommandError(f"Unknown languages: {', '.join(unknown)} (known: {', '.join(codes)})")
        _snapshot, result = build_snapshot(dest, chosen, base_url, processes)
        if not no_search:
            run_pagefind(dest)
        self.stdout.write(
            f"{len(result.files)} files: {result.written} written, {result.unchanged} unchanged, "
            f"{result.removed} removed; {len(result.failed)} addresses not public."
        )
        if send:
            from mirror.updates import send_all

            for name, count in send_all(dest, None).items():
                self.stdout.write(f"{name}: {count} files sent" if count != "failed" else f"{name}: failed")
