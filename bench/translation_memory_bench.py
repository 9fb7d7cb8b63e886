#!/usr/bin/env python
"""Translation memory look-ups with 100,000 segments on PostgreSQL, against a floor measured in the same run.

    python bench/translation_memory_bench.py [--segments 100000] [--lookups 300]

A database of its own (``BENCH_DATABASE_URL``, default
``postgres://postgres@127.0.0.1:5432/ura_memory_bench``) is created, migrated
and filled with English → Belarusian pairs: the sentences of the demo content
(every ``en``/``be`` text of ``*/fixtures/demo/*.yaml``, aligned as the memory
aligns them) and, up to the size, made-up sentences of 6 to 30 words drawn
with Zipf's law (frequency ∝ 1/rank) from a vocabulary of 40,000 words: the
demo content's words, most frequent first, then made-up words of Latin
syllables. A real memory of that size has a vocabulary of that order, and
its common words ("the", "of") are in every other segment, as here.

Timed per look-up, median and 95th percentile over the look-ups:

- floor: a primary-key read of one segment (``MemorySegment.objects.filter(pk=…)``),
  the cheapest query the memory can make;
- ``matches()`` for a segment of the memory with one or two words changed
  (fuzzy), for a segment as it is (exact), and for a sentence of random words
  (mostly no match);
- ``matches_many()`` for the 20 segments of a long field at once (what the
  side-by-side screen asks), per segment.

The target: under 100 ms per segment.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("DEBUG", "1")
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/ura_memory_bench"


def recreate_database(url):
    import psycopg2
    from psycopg2 import sql

    base, name = url.rsplit("/", 1)
    connection = psycopg2.connect(f"{base}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    connection.close()


def demo_pairs():
    """(en, be) sentence pairs of the demo content, aligned as the memory aligns fields."""
    import yaml

    from translating.memory import aligned_pairs

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("en"), str) and isinstance(node.get("be"), str):
                yield node["en"], node["be"]
            for value in node.values():
                yield from walk(value)
        elif isinstance(node, list):
            for value in node:
                yield from walk(value)

    pairs = set()
    for path in sorted(ROOT.glob("*/fixtures/demo/*.yaml")):
        for english, belarusian in walk(yaml.safe_load(path.read_text())):
            pairs.update(aligned_pairs(english, belarusian))
    return sorted(pairs)


VOCABULARY = 40_000
SYLLABLES = [c + v for c in "bcdfghjklmnprstvz" for v in "aeiou"] + ["sh", "ch", "ri", "on", "el", "an"]


def vocabulary(words, rng):
    """`words` (most frequent first), then made-up words up to VOCABULARY, with Zipf weights."""
    found, seen = list(words), set(words)
    while len(found) < VOCABULARY:
        word = "".join(rng.choice(SYLLABLES) for _syllable in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            found.append(word)
    weights = [1 / rank for rank in range(1, len(found) + 1)]
    return found, weights


def made_up(words, rng):
    words_of, weights = words
    length = rng.randint(6, 30)
    return " ".join(rng.choices(words_of, weights=weights, k=length)).capitalize() + "."


def fill(size, rng):
    from collections import Counter

    from translating.models import MemorySegment

    real = demo_pairs()
    counts_en = Counter(word for english, _be in real for word in english.lower().split() if word.isalpha())
    counts_be = Counter(word for _en, belarusian in real for word in belarusian.lower().split() if word.isalpha())
    words_en = vocabulary([word for word, _count in counts_en.most_common()], rng)
    words_be = vocabulary([word for word, _count in counts_be.most_common()], rng)
    pairs = list(real)
    while len(pairs) < size:
        pairs.append((made_up(words_en, rng), made_up(words_be, rng)))
    rows = [
        MemorySegment(source_language="en", target_language="be", source_text=en, target_text=be).prepare()
        for en, be in pairs[:size]
    ]
    MemorySegment.objects.bulk_create(rows, batch_size=5000)
    return pairs[:size], words_en


def changed(text, words, rng, count):
    words_of = text.split()
    for _change in range(count):
        words_of[rng.randrange(len(words_of))] = rng.choices(words[0], weights=words[1])[0]
    return " ".join(words_of)


def timed(function, items):
    times = []
    for item in items:
        start = time.perf_counter()
        function(item)
        times.append(time.perf_counter() - start)
    return times


def summary(times):
    ordered = sorted(times)
    return statistics.median(ordered), ordered[int(len(ordered) * 0.95) - 1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--segments", type=int, default=100_000)
    parser.add_argument("--lookups", type=int, default=300)
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    recreate_database(url)
    os.environ["DATABASE_URL"] = url

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from translating import memory
    from translating.models import MemorySegment

    call_command("migrate", verbosity=0)
    rng = random.Random(25)
    start = time.perf_counter()
    pairs, words = fill(args.segments, rng)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE translating_memorysegment")
    print(f"{MemorySegment.objects.count():,} segments (en → be) in {time.perf_counter() - start:.1f} s")

    real = [english for english, _be in pairs if len(english.split()) >= 5]
    sample = [rng.choice(real) for _lookup in range(args.lookups)]
    fuzzy = [changed(text, words, rng, rng.choice((1, 2))) for text in sample]
    unrelated = [made_up(words, rng) for _lookup in range(args.lookups)]
    ids = list(MemorySegment.objects.values_list("pk", flat=True)[: args.segments])
    keys = [rng.choice(ids) for _lookup in range(args.lookups)]

    def floor(pk):
        return MemorySegment.objects.filter(pk=pk).values_list("source_text", "target_text").first()

    def lookup(text):
        return memory.matches(text, "en", "be")

    for warm in sample[:20]:  # the index's pages in the cache, as on a server that has been up
        lookup(warm)
    floor_times = timed(floor, keys)
    rows = [
        ("fuzzy (1–2 words changed)", timed(lookup, fuzzy)),
        ("exact", timed(lookup, sample)),
        ("unrelated words", timed(lookup, unrelated)),
    ]
    found = sum(1 for text in fuzzy if memory.matches(text, "en", "be"))
    fields = [fuzzy[index : index + 20] for index in range(0, len(fuzzy) - 19, 20)]
    many = [elapsed / 20 for elapsed in timed(lambda texts: memory.matches_many(texts, "en", "be"), fields)]
    rows.append(("matches_many, 20 segments (per segment)", many))

    floor_median, floor_p95 = summary(floor_times)
    print(f"floor (primary-key read): median {floor_median * 1000:.2f} ms, p95 {floor_p95 * 1000:.2f} ms")
    print(f"{'look-up':42} {'median ms':>10} {'p95 ms':>8} {'× floor':>8}")
    for label, times in rows:
        median, p95 = summary(times)
        print(f"{label:42} {median * 1000:10.2f} {p95 * 1000:8.2f} {median / floor_median:8.1f}")
    print(f"fuzzy look-ups with a match of 70 % or more: {found} of {len(fuzzy)}")


if __name__ == "__main__":
    main()
