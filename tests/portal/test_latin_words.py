"""Łacinka word by word: exactly latynkatar's conversion of the whole text, each distinct word converted once.

How fast it is, against a floor measured in the same run, is bench/latin_bench.py's business.
"""

import random
import re
import sys
from pathlib import Path

import polib
import pytest
import yaml
from django.conf import settings
from latynkatar import CyrLatConverter
from latynkatar.const import CYRRILIC_ALPHABET

from portal import latin

ROOT = Path(settings.BASE_DIR)
# What latynkatar converts as a letter; everything else it copies as it is.
LETTERS = {chr(code) for code in range(sys.maxunicode + 1) if chr(code).lower() in CYRRILIC_ALPHABET}


def whole_text(text):
    """What to_latin made of a text before it went word by word: latynkatar over the whole of it."""
    if "'" in text and "\u02bc" not in text:
        return CyrLatConverter(text.replace("'", "\u02bc")).convert().replace("\u02bc", "'")
    return CyrLatConverter(text).convert()


def belarusian_strings(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "be" and isinstance(value, str):
                yield value
            else:
                yield from belarusian_strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from belarusian_strings(value)


def demo_texts():
    """Every Belarusian text of the demo content, and the Belarusian interface catalogue."""
    texts = []
    for path in sorted(ROOT.glob("*/fixtures/demo/*.yaml")):
        texts.extend(belarusian_strings(yaml.safe_load(path.read_text())))
    catalogue = polib.pofile(str(ROOT / "locale" / "be" / "LC_MESSAGES" / "django.po"))
    for entry in catalogue:
        texts.extend([entry.msgstr, *entry.msgstr_plural.values()])
    return [text for text in texts if text]


@pytest.fixture(scope="module")
def texts():
    found = demo_texts()
    assert len(found) > 500 and sum(map(len, found)) > 40_000
    return found


def test_a_word_is_what_latynkatar_takes_for_one():
    """Word by word is exact only if a word is a run of the characters latynkatar converts."""
    matched = {chr(code) for code in range(sys.maxunicode + 1) if latin.WORD.fullmatch(chr(code))}
    assert matched == LETTERS


def test_the_demo_texts_convert_as_latynkatar_converts_them_whole(texts):
    for text in texts:
        assert latin.to_latin(text) == whole_text(text), text
    everything = "\n".join(texts)
    assert latin.to_latin(everything) == whole_text(everything)


def test_odd_texts_convert_as_latynkatar_converts_them_whole():
    """Capitals, apostrophes of both kinds, soft signs, letters of other Cyrillic alphabets, emoji, long words."""
    rnd = random.Random(22)
    characters = "аеёіоуыэюяАЕЁІОУЫЭЮЯлЛнНсцзьЬ'ʼ’ўЎгкхчшжбвдмпрт -.,1😀иЩ«»\n"
    for _ in range(5000):
        text = "".join(rnd.choice(characters) for _ in range(rnd.randint(0, 40)))
        assert latin.to_latin(text) == whole_text(text), text
    long_word = "".join(rnd.choice("аеёіоуыэюяАЛлнсцзьўʼ'") for _ in range(5000))
    assert latin.to_latin(f"{long_word} і {long_word.upper()}") == whole_text(f"{long_word} і {long_word.upper()}")


def test_a_long_text_converts_each_distinct_word_once(texts, monkeypatch):
    letters = []
    convert_letter = CyrLatConverter._convert_letter

    def counted(self):
        letters.append(self._symbol)
        return convert_letter(self)

    monkeypatch.setattr(CyrLatConverter, "_convert_letter", counted)
    text = "\n".join(texts) * 10
    latin.to_latin(text)
    if "'" in text and "\u02bc" not in text:
        text = text.replace("'", "\u02bc")  # as to_latin reads it
    words = re.findall("[" + re.escape("".join(sorted(LETTERS))) + "]+", text)
    # At most once (a word may be remembered from an earlier test), never ten times.
    assert len(letters) <= sum(map(len, set(words)))
    assert sum(map(len, words)) > 10 * len(letters)
