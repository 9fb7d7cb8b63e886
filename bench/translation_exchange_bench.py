"""Translators' files: export 1,000 news items for translation into Belarusian, then import them back.

    python bench/translation_exchange_bench.py [--items 1000] [--database-url postgres://.../ura_exchange_bench]

Makes a fresh PostgreSQL database (dropped and migrated) with `--items` news items written in English
(title, lead, a body of four blocks with markup, place) and no Belarusian, every one of them learnt by
the translation memory. Then, as a superuser:

- export: every field missing in Belarusian as XLIFF 1.2, with the memory's suggestions
  (translating.exchange.export_for);
- dry run: read the translated file and compare it with the items (translating.importing.evaluate);
- apply: save every item through its admin form, in revisions, with log entries (importing.apply).

Floors measured in the same run: reading the items' fields and writing them out as JSON (for the
export and the dry run), and saving each item once with its Belarusian fields set by plain `save()`
in one transaction (for the apply). Figures: seconds and the ratio to the floor; the target is under
a minute for each step.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BODY = (
    "<h2>Visit number {n}</h2><p>The delegation met the <strong>Office of the President</strong> "
    'and <a href="https://example.org/{n}">the Assembly</a>.</p><ul><li>Youth exchanges {n}</li>'
    "<li>Local <em>media</em></li></ul>"
)


def fresh_database(url):
    name = urlsplit(url).path.lstrip("/")
    server = url.rsplit("/", 1)[0] + "/postgres"
    code = (
        f"import psycopg2; c = psycopg2.connect('{server}'); c.autocommit = True; cur = c.cursor(); "
        f"cur.execute('DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)'); cur.execute('CREATE DATABASE \"{name}\"')"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "1"}
    env.pop("REDIS_URL", None)
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - started, result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ura_exchange_bench"),
    )
    options = parser.parse_args()
    fresh_database(options.database_url)
    os.environ.update({"DATABASE_URL": options.database_url, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "portal.settings"})
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    import datetime

    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.db.models import Q
    from django.utils import timezone
    from lxml import etree

    from core import i18n
    from core.models import Status
    from news.models import NewsItem
    from translating import exchange, importing, memory

    user = get_user_model().objects.create_superuser("bench", "bench@ura.example.org", "bench-pass-123")
    started = time.perf_counter()
    for n in range(options.items):
        item = NewsItem(
            source_language="en",
            title_en=f"Delegation visit number {n}",
            lead_en=f"The delegation met the Office of the President, visit {n}.",
            body_en=BODY.format(n=n),
            place_en="Prishtina",
            kind=NewsItem.Kind.DELEGATION_VISIT,
            date=datetime.date(2025, 4, 16),
            status=Status.PUBLISHED,
            publish_at=timezone.now() - datetime.timedelta(hours=1),
        )
        item.save()
        if n % 10 == 0:  # a memory to offer suggestions from
            item.title_be, item.lead_be, item.place_be = f"Візіт нумар {n}", f"Візіт {n}.", "Прышціна"
            item.save()
        memory.learn(item)
    print(f"setup: {options.items} items in {time.perf_counter() - started:.1f} s")

    def read_floor():
        rows = NewsItem.objects.filter(Q(title_be="") | Q(title_be__isnull=True)).values(
            *[f"{f}_en" for f in i18n.content_fields(NewsItem)]
        )
        return json.dumps(list(rows), ensure_ascii=False).encode()

    def save_floor():
        with transaction.atomic():
            for item in NewsItem.objects.filter(Q(title_be="") | Q(title_be__isnull=True)):
                item.lead_be = "x"
                item.save()
            transaction.set_rollback(True)

    floor_read, _rows = timed(read_floor)
    floor_save, _none = timed(save_floor)
    export_seconds, (data, units) = timed(exchange.export_for, user, "be", "xliff12", stale=True)

    def translate(content):
        namespace = "urn:oasis:names:tc:xliff:document:1.2"
        root = etree.fromstring(content)
        for unit in root.iter(f"{{{namespace}}}trans-unit"):
            source = unit.find(f"{{{namespace}}}source")
            target = unit.find(f"{{{namespace}}}target")
            if target is not None:
                unit.remove(target)
            target = etree.Element(f"{{{namespace}}}target", state="translated")
            source.addnext(target)
            target.text = "БЕ " + (source.text or "")
            for child in source:
                target.append(etree.fromstring(etree.tostring(child, with_tail=False)))
                target[-1].tail = child.tail
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8")

    translated = translate(data)
    dry_seconds, report = timed(lambda: importing.evaluate(importing.read(translated), user))
    apply_seconds, applied = timed(lambda: importing.apply(importing.read(translated), user))
    fresh = sum(i18n.translation_status(item, "be") == i18n.COMPLETE for item in NewsItem.objects.all())

    print(f"file: {len(data) / 1024:.0f} KiB, {len(units)} fields, {report.changes} changes in the dry run")
    print(f"floor (read {options.items} items as JSON): {floor_read:.3f} s")
    print(f"floor (save {options.items} items):         {floor_save:.3f} s")
    print(
        f"export (XLIFF 1.2, with suggestions): {export_seconds:.2f} s  ({export_seconds / floor_read:.0f}x read floor)"
    )
    print(f"import dry run:                       {dry_seconds:.2f} s  ({dry_seconds / floor_read:.0f}x read floor)")
    print(
        f"import apply:                         {apply_seconds:.2f} s  ({apply_seconds / floor_save:.1f}x save floor), "
        f"{applied.applied} items saved, {fresh} fresh in Belarusian"
    )
    for name, seconds in (("export", export_seconds), ("dry run", dry_seconds), ("apply", apply_seconds)):
        print(f"{name}: {'under' if seconds < 60 else 'OVER'} a minute")


if __name__ == "__main__":
    main()
