#!/usr/bin/env python
"""Łacinka conversion time at 100 kB and 1 MB, against a floor measured in the same run.

    python bench/latin_bench.py [--rounds 3]

The text is real Belarusian: every Belarusian text of the demo content and of
the interface catalogue, repeated to the size (in characters; UTF-8 takes
about twice as many bytes). Timed, the median of the rounds:

- floor: one ``str.translate`` pass over the same text with a letter-to-Latin
  table (no rules at all: the least any conversion can cost in Python);
- ``to_latin`` on the text, first with an empty word cache, then warm;
- ``Converter.html`` on a page of the same text in small paragraphs (the
  text nodes of a real page);
- texts no page holds: one word of a million letters, and a million
  characters of distinct random words (nothing in the word cache helps);
- time per character as the text grows (50,000 to 400,000 characters), in a
  process of its own: latynkatar on the whole text (as ``to_latin`` called
  it before), the same rules with the result joined once (``latin._Converter``),
  and ``to_latin``.

No database is needed.
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("DEBUG", "1")

SIZES = {"100 kB": 100_000, "1 MB": 1_000_000}
GROWTH = (50_000, 100_000, 200_000, 400_000)
BELARUSIAN_LETTERS = "абвгґдеёжзійклмнопрстуўфхцчшыьэюя"


def belarusian_text():
    import polib
    import yaml

    def strings(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "be" and isinstance(value, str):
                    yield value
                else:
                    yield from strings(value)
        elif isinstance(node, list):
            for value in node:
                yield from strings(value)

    texts = []
    for path in sorted(ROOT.glob("*/fixtures/demo/*.yaml")):
        texts.extend(strings(yaml.safe_load(path.read_text())))
    for entry in polib.pofile(str(ROOT / "locale" / "be" / "LC_MESSAGES" / "django.po")):
        texts.extend([entry.msgstr, *entry.msgstr_plural.values()])
    return "\n".join(text for text in texts if text)


def sized(text, size):
    return (text * (size // len(text) + 1))[:size]


def floor_table():
    """Each Cyrillic letter (both cases) to a Latin letter or two, with no rule about its neighbours."""
    latin = "abvhgdeiožzijklmnoprstuŭfchcčšy'ejuja"
    table = {}
    for index, letter in enumerate(BELARUSIAN_LETTERS):
        table[ord(letter)] = latin[index % len(latin)] * (2 if letter in "хюя" else 1)
        table[ord(letter.upper())] = table[ord(letter)].upper()
    return table


def timed(function, argument, rounds, before=None):
    times = []
    for _ in range(rounds):
        if before:
            before()
        started = time.perf_counter()
        function(argument)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--growth", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.growth:
        growth(options.rounds)
        return

    import django

    django.setup()

    from portal import latin

    rounds = options.rounds
    text = belarusian_text()
    table = floor_table()
    cold = latin._known_word.cache_clear
    converter = latin.Converter({"example.org"})
    rnd = random.Random(22)

    print(f"Real text: {len(text):,} characters of Belarusian (demo content and catalogue), repeated.")
    print(f"Median of {rounds} rounds. Ratio: time / floor (one str.translate pass) over the same text.\n")
    print(f"{'case':44} {'size':>7} {'seconds':>9} {'floor s':>9} {'ratio':>7}")

    def row(case, label, seconds, floor):
        print(f"{case:44} {label:>7} {seconds:9.3f} {floor:9.4f} {seconds / floor:6.0f}×", flush=True)

    for label, size in SIZES.items():
        sample = sized(text, size)
        page = "".join(f"<p>{sample[start : start + 40]}</p>\n" for start in range(0, len(sample), 40))
        floor = timed(lambda value: value.translate(table), sample, rounds)
        row("to_latin, empty word cache", label, timed(latin.to_latin, sample, rounds, before=cold), floor)
        row("to_latin, words cached", label, timed(latin.to_latin, sample, rounds), floor)
        page_floor = timed(lambda value: value.translate(table), page, rounds)
        row(f"Converter.html, {page.count('<p>'):,} paragraphs", label, timed(converter.html, page, rounds), page_floor)

    size = SIZES["1 MB"]
    one_word = sized("АбяваЛёсСьцяЎзЯеёлльнь", size)
    distinct = " ".join("".join(rnd.choices(BELARUSIAN_LETTERS, k=rnd.randint(3, 12))) for _ in range(size // 8))[:size]
    for case, sample in (("one word of 1,000,000 letters", one_word), ("distinct random words", distinct)):
        floor = timed(lambda value: value.translate(table), sample, rounds)
        row(case, "1 MB", timed(latin.to_latin, sample, rounds, before=cold), floor)

    print("\nGrowth: microseconds per character (flat is linear), in a process of its own:", flush=True)
    subprocess.run([sys.executable, __file__, "--growth", "--rounds", str(rounds)], check=True)


def growth(rounds):
    """latynkatar's own loop against the same rules with the result joined once, and to_latin, as the text grows.

    In a process that has loaded nothing else (no Django): the allocator's state
    decides when ``+=`` must copy the result, and that state differs from process
    to process; this is one in which latynkatar's loop shows the audit's growth.
    """
    from latynkatar import CyrLatConverter

    from portal import latin

    text = belarusian_text()
    print(f"{'characters':>10} {'latynkatar (+=)':>16} {'joined loop':>12} {'to_latin cold':>14}")
    for size in GROWTH:
        sample = sized(text, size)
        whole = timed(lambda value: CyrLatConverter(value).convert(), sample, rounds)
        joined = timed(lambda value: latin._Converter(value).convert(), sample, rounds)
        ours = timed(latin.to_latin, sample, rounds, before=latin._known_word.cache_clear)
        print(
            f"{size:>10,} {whole / size * 1e6:16.2f} {joined / size * 1e6:12.2f} {ours / size * 1e6:14.2f}", flush=True
        )


if __name__ == "__main__":
    main()
