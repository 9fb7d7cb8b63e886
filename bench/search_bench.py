#!/usr/bin/env python
"""Search latency with 100,000 items on PostgreSQL.

    python bench/search_bench.py [--news 60000 --projects 20000 --partners 20000] [--runs 15] [--reseed] [--verbose]

Uses its own database (BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/ura_bench), migrates it, fills it with
``seed_bulk`` when it holds fewer items than asked (or with --reseed), then
times realistic queries in the three languages: the search itself (counts
per type + first page of ranked results, as the page runs it) and the whole
page through Django's test client. Prints p50/p95 per query and per class
(selective: up to 1,000 matches; common: more) and a summary of the query
plans, which must use the per-language GIN indexes (exit status 1 if not).
"+fix": a misspelt word was corrected from the dictionary of indexed words;
"+trgm": similar titles (trigrams) were looked for too.
"""

import argparse
import os
import re
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

# Realistic queries per language: place names in any script (Łacinka included),
# common words of titles and texts, two words, typos of words in titles and of
# words only in the texts, and a foreign spelling.
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
        "удзельнікі",
        "Штрпцэ 12345",
        "дэлегацыі",
        "Prisztina",
        "Hračanica",
        "dyjaspary",
        "žurnalisty",
        "рэкамэндацыямі",
        "платформмамі",
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
        "pjesëmarrësit",
        "Shtërpcë 12345",
        "delegacionit",
        "Prisztina",
        "Грачаніца",
        "rekomandme",
        "platfromat",
        "blogeret",
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
        "participants",
        "Strpce 12345",
        "delegaton",
        "Prisztina",
        "Грачаніца",
        "Hračanica",
        "recomendtions",
        "bloggres",
        "partcipants",
    ],
}
# A query is "common" when it matches more than this many entries.
COMMON = 1000


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
    parser.add_argument("--verbose", action="store_true", help="Print the whole query plans.")
    args = parser.parse_args()

    create_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client
    from django.utils import translation

    from news.models import NewsItem
    from partners.models import Organisation
    from projects.models import Project
    from search import query
    from search.models import SearchEntry

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

    classes = tuple(
        f"{size}{extra}" for extra in ("", "+trgm", "+fix", "+fix+trgm") for size in ("selective", "common")
    )
    engine, pages = {name: [] for name in classes}, {name: [] for name in classes}
    print(
        f"{'lang':4} {'query':24} {'hits':>7} {'class':>18} {'p50 ms':>8} {'p95 ms':>8} {'page p50':>9} {'page p95':>9}"
    )
    client = Client()
    # A signed-in user is past the page cache: every request runs the search.
    client.force_login(get_user_model().objects.get_or_create(username="bench-reader")[0])
    for language, queries in QUERIES.items():
        for raw in queries:
            terms = query.SearchTerms.parse(raw)
            timings = []
            with translation.override(language):
                for _ in range(args.runs):
                    started = time.perf_counter()
                    with transaction.atomic():
                        found = query.Search(terms, language)
                        found.page(0, query.RESULTS_PER_PAGE)
                    timings.append((time.perf_counter() - started) * 1000)
            hits = sum(found.counts.values())
            shown = f"{min(hits, query.COUNT_LIMIT)}{'+' if found.capped else ''}"
            kind = ("common" if hits > COMMON else "selective") + ("+fix" if found.corrected else "")
            kind += "+trgm" if found.similar_titles else ""
            engine[kind].extend(timings)
            page_timings = []
            for _ in range(args.runs):
                started = time.perf_counter()
                response = client.get(f"/{language}/search/", {"q": raw})
                page_timings.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, response.status_code
            pages[kind].extend(page_timings)
            print(
                f"{language:4} {raw:24} {shown:>7} {kind:>18} {statistics.median(timings):8.1f} "
                f"{percentile(timings, 0.95):8.1f} {statistics.median(page_timings):9.1f} {percentile(page_timings, 0.95):9.1f}"
                + (f"  -> {found.terms.raw}" if found.corrected else "")
            )

    print()
    for kind in classes:
        if engine[kind]:
            print(
                f"{kind:18} search (counts + first page): p50 {statistics.median(engine[kind]):6.1f} ms, "
                f"p95 {percentile(engine[kind], 0.95):6.1f} ms | whole page (test client): "
                f"p50 {statistics.median(pages[kind]):6.1f} ms, p95 {percentile(pages[kind], 0.95):6.1f} ms"
            )
    everything = [t for kind in pages for t in pages[kind]]
    print(
        f"all queries, whole page: p50 {statistics.median(everything):.1f} ms, p95 {percentile(everything, 0.95):.1f} ms"
    )
    return explain(query, connection, transaction, args.verbose)


def explain(query, connection, transaction, verbose):
    """EXPLAIN ANALYZE the queries of a word search, a similar-title search and a corrected one.

    Returns the exit status: 0 if they use the per-language GIN indexes.
    """
    used = set()
    for raw in ("prishtina", "Strpce 12345", "partcipants"):
        with transaction.atomic():
            found = query.Search(query.SearchTerms.parse(raw), "en")
            matches = found.entries.filter(found.in_title | found.in_text if found.in_text else found.in_title)
            statements = {"counts per type (capped)": query.capped_counts_sql(matches)}
            if found.corrected:
                statements["spelling: unknown words and their nearest indexed word"] = query._unknown_terms_sql(
                    found.original, "en"
                )
            statements["tier 1: newest title matches, ranked"] = (
                found.title_matches().values("pk")[:10].query.sql_with_params()
            )
            if found.in_text is not None:
                statements["tier 2: newest text matches, ranked"] = (
                    found.text_matches().values("pk")[:10].query.sql_with_params()
                )
            print(
                f"\nEXPLAIN ANALYZE for {raw!r} (en){' - similar titles (trigrams)' if found.similar_titles else ''}"
                f"{' - corrected to ' + repr(found.terms.raw) if found.corrected else ''}:"
            )
            for label, (sql, params) in statements.items():
                with connection.cursor() as cursor:
                    cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
                    plan = [row[0] for row in cursor.fetchall()]
                indexes = sorted(
                    set(re.findall(r"Index (?:Only )?Scan (?:Backward )?(?:using|on) (\w+)", "\n".join(plan)))
                )
                used.update(indexes)
                print(f"  {label}: {plan[-1].strip()}; indexes: {', '.join(indexes) or 'NONE'}")
                if verbose:
                    print("\n".join(f"      {line}" for line in plan))
    wanted = {
        "portal_searchentry_en_vector",
        "portal_searchentry_en_title",
        "portal_searchentry_en_trgm",
        "search_word_prefix",
        "search_word_trgm",
    }
    missing = wanted - used
    print(f"\nper-language GIN indexes in the plans: {', '.join(sorted(wanted & used)) or 'NONE'}")
    if missing:
        print(f"NOT USED: {', '.join(sorted(missing))}")
    return 0 if not missing else 1


if __name__ == "__main__":
    sys.exit(main())
