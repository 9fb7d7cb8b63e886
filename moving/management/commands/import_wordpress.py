"""manage.py import_wordpress FILE.xml: a WordPress export into Ura (docs/moving-in.md)."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from moving import wxr
from moving.importer import Importer, Options, ura_language
from moving.media import FolderSource, HTTPSource, ZipSource
from news.models import NewsItem


class Command(BaseCommand):
    help = "Import a WordPress export (WXR): posts, pages, images and menus, with their translations."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The export file (Tools → Export → All content).")
        parser.add_argument("--dry-run", action="store_true", help="Report what would happen; write nothing.")
        parser.add_argument("--uploads", help="A copy of the old site's wp-content/uploads folder, or a zip of it.")
        parser.add_argument(
            "--media-base", help="The old site's uploads address, e.g. https://old.example.org/wp-content/uploads/"
        )
        parser.add_argument(
            "--kind",
            action="append",
            default=[],
            metavar="CATEGORY=KIND",
            help=f"Posts in this category become news of this kind ({', '.join(NewsItem.Kind.values)}); repeatable.",
        )
        parser.add_argument(
            "--menu", action="append", default=[], help="A menu (its slug) that becomes the site's menu; repeatable."
        )
        parser.add_argument(
            "--language", help="The language of a monolingual site whose export names none of be, sq, en."
        )
        parser.add_argument("--report", help="Write the full report (JSON) to this file.")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, **options):
        kind_map = {}
        for pair in options["kind"]:
            category, _eq, kind = pair.partition("=")
            if kind not in NewsItem.Kind.values:
                raise CommandError(f"--kind {pair}: the kind must be one of {', '.join(NewsItem.Kind.values)}")
            kind_map[category] = kind
        language = options["language"]
        if language and ura_language(language) is None:
            raise CommandError(f"--language {language}: the site's languages are be, sq and en.")
        media = None
        if options["uploads"]:
            media = (
                ZipSource(options["uploads"])
                if options["uploads"].endswith(".zip")
                else FolderSource(options["uploads"])
            )
        elif options["media_base"]:
            media = HTTPSource(options["media_base"])
        path = options["file"]
        progress = None if options["no_progress"] else self.progress_bar
        importer = Importer(
            lambda: open(path, "rb"),
            Options(
                site_language=ura_language(language) if language else None,
                kind_map=kind_map,
                menus=tuple(options["menu"]),
                media=media,
                dry_run=options["dry_run"],
                progress=progress,
            ),
        )
        try:
            report = importer.run()
        except FileNotFoundError as error:
            raise CommandError(f"{path}: no such file") from error
        except wxr.WXRError as error:
            raise CommandError(f"{path}: {error}") from error
        if progress:
            self.stderr.write("")
        data = report.as_dict()
        if options["report"]:
            with open(options["report"], "w", encoding="utf-8") as handle:
                json.dump(data, handle, ensure_ascii=False, indent=1)
        self.write_summary(data, options["dry_run"])

    def progress_bar(self, done, total):
        width = 40
        filled = int(width * done / total) if total else width
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        sys.stderr.flush()

    def write_summary(self, data, dry_run):
        write = self.stdout.write
        write("Dry run: nothing was written." if dry_run else "Import finished.")
        for outcome in ("created", "updated", "unchanged", "skipped"):
            write(f"  {outcome}: {data['counts'].get(outcome, 0)}")
        for kind, counts in sorted(data["by_type"].items()):
            write(f"  {kind}: " + ", ".join(f"{name} {count}" for name, count in sorted(counts.items())))
        reasons = {}
        for item in data["items"]:
            if item["outcome"] == "skipped":
                reason = item["reason"] % item["params"] if item["params"] else item["reason"]
                reasons[reason] = reasons.get(reason, 0) + 1
        if reasons:
            write("Skipped, by reason:")
            for reason, count in sorted(reasons.items(), key=lambda pair: -pair[1]):
                write(f"  {count} × {reason}")
        if data["conflicts"]:
            write(f"Conflicts (kept the editor's text): {len(data['conflicts'])}")
            for conflict in data["conflicts"][:50]:
                write(f"  {conflict['type']} {conflict['id']}: {conflict['field']}")
        if data["shortcodes"]:
            write(
                "Shortcodes: " + ", ".join(f"[{name}] × {count}" for name, count in sorted(data["shortcodes"].items()))
            )
        if data["unknown_languages"]:
            write(
                "Languages not on this site: "
                + ", ".join(f"{code} × {n}" for code, n in data["unknown_languages"].items())
            )
        if data["missing_files"]:
            write(f"Files not found: {len(data['missing_files'])}")
            for missing in data["missing_files"][:50]:
                write(f"  {missing['url']}: {missing['problem']}")
        for note in data["notes"]:
            write(f"  menu {note['menu']}: {note['items']} entries" + (" (imported)" if note["chosen"] else ""))
