#!/usr/bin/env python
"""Search latency with 100,000 items on PostgreSQL.

    python bench/search_bench.py [--news 60000 --projects 20000 --partners 20000] [--runs 15] [--reseed]

Uses its own database (BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/ura_bench), migrates it, fills it with
``seed_bulk`` when it holds fewer items than asked (or with --reseed), then
times realistic queries in the three languages: the search itself (counts
per type + first page of ranked results, as the page runs it) and the whole
page through Django's test client. Prints p50/p95 and the query plan, which
must use the GIN indexes.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ura_bench")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")

QUERIES = {
    "be": [
        "Прышціна",
        "журналістаў",
        "пашпарт",
        "міжэтнічны дыялог",
        "pristina",
        "бяспека Тырана",
        "Грачаніца",
        "дыяспара",
    ],
    "sq": [
        "Prishtinë",
        "gazetarët",
        "pasaportën",
        "dialogun ndëretnik",
        "prishtina",
        "sigurinë Tiranë",
        "Graçanicë",
        "diaspora",
    ],
    "en": [
        "Prishtina",
        "journalists",
        "passport",
        "interethnic dialogue",
        "Прышціна",
        "security Tirana",
        "gracanica",
        "diaspora",
    ],
}


def percentile(values, share):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def create_database(url):
    import psycopg2

    name = url.rsplit("/", 1)[-1]
    admin = psycopg2.connect(url.rsplit("/", 1)[0] + "/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cursor.fetchone():
            cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--news", type=int, default=60000)
    parser.add_argument("--projects", type=int, default=20000)
    parser.add_argument("--partners", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=15, help="Repetitions of every query.")
    parser.add_argument("--reseed", action="store_true")
    args = parser.parse_args()

    create_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client
    from django.utils import translation

    from news.models import NewsItem
    from partners.models import Organisation
    from portal import search
    from portal.models import SearchEntry
    from projects.models import Project

    call_command("migrate", verbosity=0)
    wanted = args.news + args.projects + args.partners
    have = sum(
        model._base_manager.filter(slug_en__startswith="bulk-").count() for model in (NewsItem, Project, Organisation)
    )
    if args.reseed or have < wanted:
        started = time.perf_counter()
        call_command("seed_bulk", news=args.news, projects=args.projects, partners=args.partners)
        print(f"seeded {wanted} items in {time.perf_counter() - started:.0f} s")
    with connection.cursor() as cursor:
        # After a bulk rebuild: clear dead rows and refresh statistics (as autovacuum would).
        cursor.execute("VACUUM ANALYZE portal_searchentry")
    items = sum(model._base_manager.count() for model in (NewsItem, Project, Organisation))
    print(f"database: {items} items (news, projects, partners), {SearchEntry.objects.count()} search entries")
    print(f"PostgreSQL: {connection.pg_version // 10000}, runs per query: {args.runs}\n")

    engine, pages = [], []
    print(f"{'lang':4} {'query':24} {'hits':>7} {'p50 ms':>8} {'p95 ms':>8}")
    client = Client()
    for language, queries in QUERIES.items():
        for raw in queries:
            terms = search.SearchTerms.parse(raw)
            timings = []
            with translation.override(language):
                for _ in range(args.runs):
                    started = time.perf_counter()
                    with transaction.atomic():
                        ranked, counts, _approximate = search.search(terms, language)
                        search.RankedResults(ranked, sum(counts.values()))[0:10]
                    timings.append((time.perf_counter() - started) * 1000)
            engine.extend(timings)
            print(
                f"{language:4} {raw:24} {sum(counts.values()):7d} {statistics.median(timings):8.1f} {percentile(timings, 0.95):8.1f}"
            )
            for _ in range(max(3, args.runs // 3)):
                started = time.perf_counter()
                response = client.get(f"/{language}/search/", {"q": raw})
                pages.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, response.status_code

    print(
        f"\nsearch (counts + first page), all queries: p50 {statistics.median(engine):.1f} ms, p95 {percentile(engine, 0.95):.1f} ms"
    )
    print(
        f"whole search page (test client):          p50 {statistics.median(pages):.1f} ms, p95 {percentile(pages, 0.95):.1f} ms"
    )

    terms = search.SearchTerms.parse("prishtina")
    with transaction.atomic():
        ranked, _counts, _approximate = search.search(terms, "en")
        sql, params = ranked[:10].query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            plan = [row[0] for row in cursor.fetchall()]
    print("\nEXPLAIN ANALYZE of the ranked query for 'prishtina' (en):")
    print("\n".join(f"  {line}" for line in plan))
    used = [
        name
        for name in ("portal_searchentry_vector_gin", "portal_searchentry_title_trgm")
        if any(name in line for line in plan)
    ]
    print(f"\nGIN indexes in the plan: {', '.join(used) or 'NONE'}")
    return 0 if len(used) == 2 else 1


if __name__ == "__main__":
    sys.exit(main())
